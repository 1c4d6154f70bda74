"""The Regions and Migration maps through AppTest: link parameters and defaults, names on
the maps, a click that selects, arcs inside the map, no codes in what a reader sees."""
from __future__ import annotations

import json
import re

import pytest

from tests.apptest import run_page, shown, visible_text
from ui.maps import (FORM_COLOURS, FORM_SYMBOLS, GREY, LABEL_PLACES, PAD, WINDOW, map_label, placed_labels, rgba,
                     world_xy)

CODE = re.compile(r"\bKG-[A-Z]{1,2}\b|\b(?:USA|RUS|KAZ|KGZ|ARE|KOR|TUR|DEU|GBR)\b")


def spec(at, index: int = 0) -> dict:
    """The page's `index`-th Plotly chart (the map is the first on both pages)."""
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def trace(spec_: dict, name: str) -> dict:
    return next(t for t in spec_["data"] if t.get("name") == name)


def region_fills(spec_: dict) -> dict[str, str]:
    return {t["name"]: t["fillcolor"] for t in spec_["data"] if t.get("fill") == "toself"}


def region_tips(spec_: dict) -> dict[str, str]:
    """Each region's tooltip, from its trace of points a tap or hover finds."""
    return {t["customdata"][0]: t["hovertemplate"].removesuffix("<extra></extra>")
            for t in spec_["data"] if t.get("name") == "regions"}


def notes_on_map(spec_: dict) -> dict[str, dict]:
    return {a["name"]: a for a in spec_["layout"].get("annotations", [])}


def tables_text(at) -> str:
    return "\n".join(t.value.to_csv() for t in [*at.table, *at.dataframe])


# --- Regions ---------------------------------------------------------------------------

def test_regions_defaults_colour_by_bodies_on_record() -> None:
    at = shown("regions")
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_measure").value == "council"
    assert at.selectbox(key="_param_region").value == "all"
    fills = region_fills(spec(at))
    # two bodies on record (Chuy, Osh oblast) darker than one (Talas); Bishkek: no evidence, grey
    assert fills["KG-C"] == fills["KG-O"] != fills["KG-T"]
    assert fills["KG-GB"] == rgba(GREY) == "rgba(205,205,205,0.78)"
    assert len(set(fills.values())) == 3
    tips = region_tips(spec(at))
    assert tips["KG-C"] == "Chuy: council on record, from May 2018; 2 councils on record"
    # every region but Osh city (a point) can be tapped anywhere inside: the grid covers it
    assert set(tips) == {"KG-B", "KG-C", "KG-GB", "KG-J", "KG-N", "KG-O", "KG-T", "KG-Y"}


def test_regions_names_do_not_sit_on_each_other() -> None:
    at = shown("regions")
    names = notes_on_map(spec(at))
    assert names["KG-N"]["text"] == "<b>Naryn</b>" and len(names) == 9
    assert (names["KG-GB"]["xshift"], names["KG-GB"]["yshift"]) != (names["KG-C"]["xshift"], names["KG-C"]["yshift"])
    assert (names["KG-GO"]["xshift"], names["KG-GO"]["yshift"]) != (names["KG-O"]["xshift"], names["KG-O"]["yshift"])
    assert LABEL_PLACES["KG-GB"][0][1] < 0 < LABEL_PLACES["KG-C"][0][1]  # Bishkek above, Chuy below
    assert names["KG-GB"]["yshift"] > 0 > names["KG-C"]["yshift"]  # (Plotly counts up, the offsets down)
    # both cities are points one can tap
    assert set(trace(spec(at), "cities")["customdata"]) == {"KG-GB", "KG-GO"}
    assert map_label("Джалал-Абадская область") == "Джалал-Абадская\nобласть"
    assert map_label("Naryn") == "Naryn"
    # on a phone an oblast goes without the word "oblast"; a city keeps its whole name
    assert map_label("Джалал-Абадская область", compact=True) == "Джалал-Абадская"
    assert map_label("Ош облусу", compact=True) == "Ош"
    assert map_label("Ош шаары", compact=True) == "Ош шаары"
    assert map_label("город Бишкек", compact=True) == "город\nБишкек"


def test_regions_no_codes_in_text_tables_or_tooltips() -> None:
    at = shown("regions", {"region": "KG-C"})
    assert not at.exception, at.exception
    text = visible_text(at) + tables_text(at)
    assert not CODE.search(text), CODE.search(text)
    assert "osce-2025" not in text and "None" not in text
    for tip in region_tips(spec(at)).values():
        assert not CODE.search(tip), tip
    assert not any(CODE.search(a["text"]) for a in spec(at)["layout"]["annotations"])


def test_regions_profile_says_what_the_map_says() -> None:
    at = shown("regions", {"region": "KG-GB", "measure": "context|unemployment_rate|2003"})
    assert any(m.value == "**On the map:** 11.6%" for m in at.markdown)
    at = shown("regions", {"region": "KG-C"})
    assert any(m.value == "**On the map:** council on record, from May 2018; 2 councils on record" for m in at.markdown)
    # the selected region is outlined
    lines = {t["name"]: t["line"]["width"] for t in spec(at)["data"] if t.get("fill") == "toself"}
    assert lines["KG-C"] == 3 and lines["KG-T"] == 1
    assert [t["name"] for t in spec(at)["data"] if t.get("fill")][-1] == "KG-C"  # drawn last: its outline on top


def test_a_click_on_the_map_selects_the_region() -> None:
    from ui.views.regions import clicked

    codes = ["KG-C", "KG-GB", "KG-T"]
    inside = {"selection": {"points": [{"curve_number": 8, "point_index": 577, "x": 57.2, "y": 40.8,
                                        "customdata": "KG-T"}], "point_indices": [577], "box": [], "lasso": []}}
    city = {"selection": {"points": [{"curve_number": 9, "point_index": 0, "customdata": ["KG-GB"]}]}}
    assert clicked(inside, codes) == "KG-T"
    assert clicked(city, codes) == "KG-GB"
    assert clicked({"selection": {"points": [], "box": [], "lasso": []}}, codes) is None
    assert clicked(None, codes) is None
    assert clicked({"selection": {"points": [{"curve_number": 0, "x": 1.0}]}}, codes) is None  # an outline
    assert clicked({"selection": {"points": [{"customdata": "XX"}]}}, codes) is None


def test_the_map_click_writes_the_link_and_the_profile_follows() -> None:
    at = run_page("regions")
    at.session_state["region_map"] = {"selection": {"points": [{"customdata": "KG-T"}]}}
    # the page's on_select callback, as Streamlit calls it after a click
    from ui import params
    from ui.views.regions import clicked

    code = clicked(at.session_state["region_map"], ["KG-T"])
    assert code == "KG-T"
    at.query_params["region"] = code  # what params.choose writes
    at.run()
    assert at.selectbox(key="_param_region").value == "KG-T"
    assert any(h.value == "Talas" for h in at.subheader)
    assert params.PARAMS["region"].default == "all"


# --- Migration -------------------------------------------------------------------------

def test_migration_defaults_and_the_form_filter() -> None:
    at = shown("migration")
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_form").value == "all"
    assert at.selectbox(key="_param_role").value == "all"
    assert at.selectbox(key="_param_measure").value == "none"
    options = at.selectbox(key="_param_form").options
    assert options[0] == "All forms of exploitation" and "Labour exploitation" in options
    colours = set(trace(spec(at), "markers")["marker"]["color"])
    assert len(colours) > 1

    at = shown("migration", {"form": "labour"})
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_form").value == "labour"
    markers = trace(spec(at), "markers")["marker"]
    assert markers["color"] and set(markers["color"]) == {rgba(FORM_COLOURS["labour"])}
    assert set(markers["symbol"]) == {FORM_SYMBOLS["labour"]} == {"square"}
    # the folded filters say the current choice in one line
    assert at.get("popover")[0].proto.popover.label == "Filters: Labour exploitation · All directions · All countries"


def test_migration_unknown_form_gives_a_notice() -> None:
    at = shown("migration", {"form": "nonsense"})
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)
    assert at.selectbox(key="_param_form").value == "all"


def test_migration_arcs_stay_inside_the_map() -> None:
    at = shown("migration")
    west, east, south, north = WINDOW
    low, high = world_xy(0, south)[1], world_xy(0, north)[1]
    ends = []  # (x, y, tooltip) of each arc's two ends: arcs are runs of points apart by None
    for drawn in (t for t in spec(at)["data"] if t.get("name") == "arc"):
        run: list = []
        for point in zip(drawn["x"] + [None], drawn["y"] + [None], drawn["hovertext"] + [None]):
            if point[0] is None:
                ends += [run[0], run[-1]] if run else []
                run = []
            else:
                run.append(point)
    assert len(ends) >= 20
    for x, y, tip in ends:
        assert west - 0.01 <= x <= east + 0.01 and low - 0.01 <= y <= high + 0.01, tip
    names = notes_on_map(spec(at))
    assert names["USA"]["text"] == "<b>← United States</b>" and names["USA"]["x"] == pytest.approx(west)
    assert names["USA"]["xshift"] > 40  # runs into the map from its edge, not off it
    assert names["RUS"]["text"] == "<b>Russia</b>"
    # the map shows at least the window; a wider screen shows more
    assert spec(at)["layout"]["xaxis"]["range"] == [west - PAD, east + PAD]


def test_migration_names_on_the_map_do_not_overlap() -> None:
    markers = [{"country": "A", "name": "Germany", "lon": 10.4, "lat": 51.4, "priority": 2},
               {"country": "B", "name": "Czechia", "lon": 15.5, "lat": 49.8, "priority": 1},
               {"country": "C", "name": "Japan", "lon": 138.3, "lat": 36.1, "priority": 1}]
    assert placed_labels(markers, 0.6) == ["A", "C"]  # Czechia would sit on Germany
    assert placed_labels(markers, 4) == ["A", "B", "C"]  # zoomed in, all fit
    at = shown("migration", {"country": "JPN"})
    assert [a["text"] for a in spec(at)["layout"]["annotations"]] == ["<b>Japan</b>"]  # the selected one always named
    assert notes_on_map(spec(at))["JPN"]["xshift"] < 0  # near the window's east edge: moved inwards


def test_migration_selected_country_details_under_the_map() -> None:
    at = shown("migration", {"country": "RUS"})
    assert not at.exception, at.exception
    assert any(h.value == "Russia" for h in at.subheader)
    details = next(m.value for m in at.markdown if "Share of nationals abroad" in m.value)
    assert "- Share of nationals abroad, 2020–2023: 79%" in details
    assert "Nationals imprisoned abroad, 2023–2024: 1,000 persons" in details


def test_migration_figures_name_their_country_and_format_numbers() -> None:
    at = shown("migration", {"view": "figures"})
    frame = next(t.value for t in [*at.table, *at.dataframe] if "Share of nationals abroad" in t.value.to_csv())
    rows = [tuple(str(v) for v in r) for r in frame.itertuples(index=False)]
    assert ("Russia", "Share of nationals abroad", "79%") in [r[:3] for r in rows]
    assert any(r[2] == "328,458 persons" for r in rows)
    text = visible_text(at) + tables_text(at)
    assert "None" not in tables_text(at) and "osce-2025" not in text
    assert not CODE.search(text), CODE.search(text)


def test_migration_map_markers_have_the_shape_of_their_form_besides_the_colour() -> None:
    """Colour is never the only code (issue 18): each country's marker has the shape of its
    main form of exploitation, and the note under the map names colour and shape together."""
    at = shown("migration")
    marker = trace(spec(at), "markers")["marker"]
    shape_of_colour = {rgba(FORM_COLOURS[f]): FORM_SYMBOLS[f] for f in FORM_COLOURS}
    assert len(marker["symbol"]) >= 10 and len(set(marker["symbol"])) >= 3
    for colour, symbol in zip(marker["color"], marker["symbol"]):
        assert shape_of_colour[colour] == symbol
    note = next(c.value for c in at.caption if "◆" in c.value)
    assert "pink ◆" in note and "green ■" in note and "orange ▲" in note and "light blue ●" in note


def test_migration_views_one_part_at_a_time_with_only_their_filters() -> None:
    """The map view draws the map alone (no second chart or table under it: the page's first
    paint waited for them); each other part shows only the filters it uses."""
    at = shown("migration")
    assert len(at.get("plotly_chart")) == 1 and not at.dataframe
    assert [s.key for s in at.main.selectbox] == ["_param_form", "_param_role", "_param_country", "_param_measure"]
    at = shown("migration", {"view": "figures", "country": "RUS"})
    assert [s.key for s in at.main.selectbox] == ["_param_country"]
    assert at.get("popover")[0].proto.popover.label == "Filters: Russia"
    at = shown("migration", {"view": "mentions", "form": "labour"})
    assert "_param_measure" not in [s.key for s in at.main.selectbox]
    assert set(at.dataframe[0].value["exploitation"]) == {"Labour exploitation"}


def test_migration_countries_compared_in_the_readers_language() -> None:
    """'4 sources' was English on the Russian page: the count of documents has its own words."""
    at = shown("migration", {"view": "countries", "lang": "ru"})
    texts = spec(at)["data"][0]["text"]
    assert texts[0] == "4 источника" and "1 источник" in texts
    assert not any("source" in t for t in texts)
