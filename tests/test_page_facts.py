"""The facts users asked for, through AppTest: Spending and training (budgets, people
trained), the Justice page's Penalties view, and the Regions page's context (section in
a region's profile, map coloured by a context measure with its year)."""
from __future__ import annotations

import json

import pytest

from tests.apptest import run_page, shown, visible_text


def bars(at, index: int = 0) -> dict:
    """label -> value of every bar trace of one chart (floating bars: label -> (base, top))."""
    out = {}
    for trace in json.loads(at.get("plotly_chart")[index].proto.spec)["data"]:
        if trace.get("type") != "bar":
            continue
        base = trace.get("base") or [None] * len(trace["y"])
        for label, x, b in zip(trace["y"], trace["x"], base):
            label = label.replace("<br>", " ")  # the chart wraps long labels; the words are the same
            out[label] = x if b is None else (b, b + x)
    return out


# --- Spending and training ------------------------------------------------------------

def test_capacity_budgets_in_their_own_currency_and_a_gap_for_the_action_plan() -> None:
    at = shown("capacity")
    assert not at.exception, at.exception
    cards = {m.label: m.value for m in at.metric}
    assert cards["UNODC, 2016-08 – 2019-09"] == "1,000,000 USD"
    assert cards["UNODC, 2018-11 – 2021-05"] == "441,378 USD"
    assert cards["UNODC, 2020-04 – 2021-10"] == "100,000 USD"
    assert cards["Government of the Kyrgyz Republic, 2022–2025"] == "not reported"
    # one chart per currency: USD only (the action plan's KGS budget has no amount)
    assert len(at.get("plotly_chart")) == 1
    assert bars(at) == {"UNODC, 2016-08 – 2019-09": 1000000, "UNODC, 2018-11 – 2021-05": 441378,
                        "UNODC, 2020-04 – 2021-10": 100000}
    assert any("No amount is printed for the budget of Government of the Kyrgyz Republic, 2022–2025" in i.value
               for i in at.info)
    notes = at.table[0].value.to_dict("records")
    assert any("donor US INL" in r["Note"] for r in notes)
    assert {r["Source"] for r in notes} == {"UNODC 2022", "OSCE 2025"}  # names, not ids


def test_capacity_training_shows_each_printed_count_once() -> None:
    at = run_page("capacity", {"view": "training"})
    assert not at.exception, at.exception
    assert [h.value for h in at.header] == ["Who was trained, and when"]
    by_label = bars(at)
    assert by_label["Criminal justice practitioners · 2018"] == 128
    assert by_label["Prosecutors and police officers · 2021"] == 124
    assert by_label["Police, investigators, prosecutors, judges, lawyers · 2016–2021"] == 1200
    assert by_label["Law enforcement officers · 2016–2018"] == 570
    trace = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert len(trace["y"]) == len(set(trace["y"])), "two counts on one bar"
    # 124 = 68 + 56 in 2021: the sum of a year never adds a total and its parts
    text = visible_text(at)
    assert "372" not in text and "248" not in text


def test_capacity_other_activities_table_and_bad_view_notice() -> None:
    at = run_page("capacity", {"view": "activities"})
    assert not at.exception, at.exception
    rows = at.dataframe[0].value.to_dict("records")  # a long table: the scrollable grid
    assert any(r["measure"] == "Awareness campaigns held" and r["value"] == 5 for r in rows)
    assert not any(r["measure"] in ("Budget", "People trained") for r in rows)
    at = run_page("capacity", {"view": "<script>"})
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)
    assert [h.value for h in at.header] == ["What the programmes cost, and who paid"]


# --- Justice: penalties ---------------------------------------------------------------

def test_justice_penalties_view_shows_ranges_and_the_longest_sentence_by_code() -> None:
    at = run_page("justice", {"view": "penalties"})
    assert not at.exception, at.exception
    assert [h.value for h in at.subheader] == ["Penalties set by the Criminal Code"]
    longest = next(m.value for m in at.markdown if m.value.startswith("**Longest sentence"))
    assert "Criminal Code 1997: up to 20 years (AUCA monitors)" in longest
    assert "Criminal Code 2017 (in force 2019): up to 10 years (AUCA monitors)" in longest
    assert "Criminal Code 2021: up to 11 years" in longest
    by_label = bars(at)
    assert by_label["Art. 166, Criminal Code 2021 — Basic offence · OSCE"] == (3, 6)
    assert by_label["Art. 166, Criminal Code 2021 — Especially aggravating circumstances · OSCE"] == (8, 11)
    assert by_label["Art. 167, Criminal Code 2021 — Aggravating circumstances · OSCE"] == (11, 15)
    # 'up to' keeps no invented minimum: the bar starts at zero
    assert by_label["Art. 166, Criminal Code 2021 — Against a minor · OSCE"] == (0, 5)
    assert by_label["Trafficking in persons, Criminal Code 2021 — The article as a whole · UNODC"] == (3, 11)


def test_justice_penalties_offence_from_url() -> None:
    at = run_page("justice", {"view": "penalties", "offence": "child_trafficking"})
    assert at.selectbox(key="_param_offence").value == "child_trafficking"
    assert set(bars(at)) == {
        "Art. 167, Criminal Code 2021 — Basic offence · OSCE",
        "Art. 167, Criminal Code 2021 — Aggravating circumstances · OSCE",
        "Trafficking in children, Criminal Code 2021 — The article as a whole · UNODC",
    }


# --- Regions: context -----------------------------------------------------------------

def _context_cards(at) -> list[tuple[str, str, str]]:
    """(year, label, value) of each context figure: a 'Year' card followed by its figure."""
    metrics = [(m.label, m.value) for m in at.metric]
    return [(metrics[i][1], metrics[i + 1][0], metrics[i + 1][1])
            for i in range(len(metrics) - 1) if metrics[i][0] == "Year"]


def test_regions_profile_shows_context_with_its_year() -> None:
    at = run_page("regions", {"region": "KG-C"})
    assert not at.exception, at.exception
    cards = _context_cards(at)
    assert ("2003", "Unemployment rate", "9.5%") in cards
    # a town's figure says it is the town's, never the region's
    assert ("2003", "Poverty rate, Tokmak only", "9.1%") in cards
    # the whole country for comparison
    assert ("2022", "Poverty rate", "33.2%") in cards
    assert any("Context: poverty and unemployment in Chuy" in m.value for m in at.markdown)


def test_regions_context_estimate_is_marked() -> None:
    at = run_page("regions", {"region": "KG-GO"})
    assert ("2003", "Poverty rate", "50%") in _context_cards(at)
    assert any("the source's own estimate" in c.value for c in at.caption)


def test_regions_map_coloured_by_a_context_measure_names_its_year() -> None:
    at = run_page("regions", {"measure": "context|unemployment_rate|2003"})
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_measure").value == "context|unemployment_rate|2003"
    legend = next(c.value for c in at.caption if "Darker is more" in c.value)
    assert legend.startswith("Unemployment rate (%, 2003).")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    tooltips = {t["customdata"][0]: t["hovertemplate"].removesuffix("<extra></extra>")
                for t in spec["data"] if t.get("name") == "regions"}
    assert tooltips["KG-GB"] == "Bishkek: 11.6%"
    assert tooltips["KG-C"] == "Chuy: 9.5%"
    assert tooltips["KG-T"] == "Talas: not reported"


@pytest.mark.parametrize("measure", ["context|poverty_rate|1900", "context|nonsense"])
def test_regions_unknown_context_measure_gives_a_notice(measure: str) -> None:
    at = run_page("regions", {"measure": measure})
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)


def test_new_views_survive_missing_datasets(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With penalties.csv, context.csv and capacity.csv missing, the views say so instead of failing."""
    import shutil

    from data.schemas import DATA_DIR, datasets

    for ds in datasets().values():
        if ds.name not in ("penalties", "context", "capacity"):
            shutil.copy(DATA_DIR / ds.file, tmp_path / ds.file)
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(tmp_path))
    at = run_page("justice", {"view": "penalties"})
    assert not at.exception, at.exception
    assert any("No penalty figures could be loaded" in i.value for i in at.info)
    at = run_page("regions", {"region": "KG-C", "measure": "context|unemployment_rate|2003"})
    assert not at.exception, at.exception
    assert any("not available here" in i.value for i in at.info)  # the map option is gone with its data
    assert any("no poverty or unemployment figure" in c.value for c in at.caption)
    at = run_page("capacity")
    assert not at.exception, at.exception
    assert any("No spending or training figures could be loaded" in w.value for w in at.warning)
