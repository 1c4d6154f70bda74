"""The Regions and Migration maps through AppTest: link parameters and defaults, names on
the maps, a click that selects, arcs inside the map, no codes in what a reader sees."""
from __future__ import annotations

import json
import re

import pytest

from tests.apptest import run_page, shown, visible_text
from ui.maps import FORM_COLOURS, LABEL_PLACES, WINDOW, map_label, placed_labels

CODE = re.compile(r"\bKG-[A-Z]{1,2}\b|\b(?:USA|RUS|KAZ|KGZ|ARE|KOR|TUR|DEU|GBR)\b")


def deck(at, index: int = 0) -> dict:
    return json.loads(at.get("deck_gl_json_chart")[index].proto.json)


def layer(spec: dict, layer_id: str) -> list[dict]:
    found = next(x for x in spec["layers"] if x.get("id") == layer_id)
    data = found["data"]
    return data["features"] if isinstance(data, dict) else data


def tables_text(at) -> str:
    return "\n".join(t.value.to_csv() for t in [*at.table, *at.dataframe])


# --- Regions ---------------------------------------------------------------------------

def test_regions_defaults_colour_by_bodies_on_record() -> None:
    at = shown("regions")
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_measure").value == "council"
    assert at.selectbox(key="_param_region").value == "all"
    fills = {f["properties"]["region"]: tuple(f["properties"]["fill"]) for f in layer(deck(at), "regions")}
    # two bodies on record (Chuy, Osh oblast) darker than one (Talas); Bishkek: no evidence, grey
    assert fills["KG-C"] == fills["KG-O"] != fills["KG-T"]
    assert fills["KG-GB"] == (205, 205, 205, 200)
    assert len(set(fills.values())) == 3
    tips = {f["properties"]["region"]: f["properties"]["tooltip"] for f in layer(deck(at), "regions")}
    assert tips["KG-C"] == "Chuy: council on record, from May 2018; 2 councils on record"


def test_regions_names_do_not_sit_on_each_other() -> None:
    at = shown("regions")
    labels = {d["region"]: d for d in layer(deck(at), "labels")}
    assert labels["KG-GB"]["offset"] != labels["KG-C"]["offset"]
    assert labels["KG-GO"]["offset"] != labels["KG-O"]["offset"]
    assert LABEL_PLACES["KG-GB"][0][1] < 0 < LABEL_PLACES["KG-C"][0][1]  # Bishkek above, Chuy below
    # both cities are points one can tap
    assert {d["region"] for d in layer(deck(at), "cities")} == {"KG-GB", "KG-GO"}
    assert map_label("Джалал-Абадская область") == "Джалал-Абадская\nобласть"
    assert map_label("Naryn") == "Naryn"


def test_regions_no_codes_in_text_tables_or_tooltips() -> None:
    at = shown("regions", {"region": "KG-C"})
    assert not at.exception, at.exception
    text = visible_text(at) + tables_text(at)
    assert not CODE.search(text), CODE.search(text)
    assert "osce-2025" not in text and "None" not in text
    for feature in layer(deck(at), "regions"):
        assert not CODE.search(feature["properties"]["tooltip"])


def test_regions_profile_says_what_the_map_says() -> None:
    at = shown("regions", {"region": "KG-GB", "measure": "context|unemployment_rate|2003"})
    assert any(m.value == "**On the map:** 11.6%" for m in at.markdown)
    at = shown("regions", {"region": "KG-C"})
    assert any(m.value == "**On the map:** council on record, from May 2018; 2 councils on record" for m in at.markdown)
    # the selected region is outlined
    lines = {f["properties"]["region"]: f["properties"]["width"] for f in layer(deck(at), "regions")}
    assert lines["KG-C"] == 3 and lines["KG-T"] == 1


def test_a_click_on_the_map_selects_the_region() -> None:
    from ui.views.regions import clicked

    codes = ["KG-C", "KG-GB", "KG-T"]
    polygon = {"selection": {"indices": {"regions": [3]},
                             "objects": {"regions": [{"type": "Feature", "properties": {"region": "KG-T"}}]}}}
    point = {"selection": {"indices": {"cities": [0]}, "objects": {"cities": [{"region": "KG-GB", "lon": 74.6}]}}}
    assert clicked(polygon, codes) == "KG-T"
    assert clicked(point, codes) == "KG-GB"
    assert clicked({"selection": {"indices": {}, "objects": {}}}, codes) is None
    assert clicked(None, codes) is None
    assert clicked({"selection": {"objects": {"regions": [{"properties": {"region": "XX"}}]}}}, codes) is None


def test_the_map_click_writes_the_link_and_the_profile_follows() -> None:
    at = run_page("regions")
    at.session_state["region_map"] = {"selection": {"indices": {"regions": [1]}, "objects": {
        "regions": [{"properties": {"region": "KG-T"}}]}}}
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
    colours = {tuple(m["colour"]) for m in layer(deck(at), "markers")}
    assert len(colours) > 1

    at = shown("migration", {"form": "labour"})
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_form").value == "labour"
    markers = layer(deck(at), "markers")
    assert markers and {tuple(m["colour"]) for m in markers} == {tuple(FORM_COLOURS["labour"])}
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
    for arc in layer(deck(at), "arcs"):
        for lon, lat in ((arc["from_lon"], arc["from_lat"]), (arc["to_lon"], arc["to_lat"])):
            assert west - 1e-9 <= lon <= east + 1e-9 and south - 1e-9 <= lat <= north + 1e-9, arc
    names = {m["country"]: m for m in layer(deck(at), "names")}
    assert names["USA"]["name"] == "← United States" and names["USA"]["lon"] == pytest.approx(west)
    assert names["RUS"]["name"] == "Russia"


def test_migration_names_on_the_map_do_not_overlap() -> None:
    markers = [{"country": "A", "name": "Germany", "lon": 10.4, "lat": 51.4, "priority": 2},
               {"country": "B", "name": "Czechia", "lon": 15.5, "lat": 49.8, "priority": 1},
               {"country": "C", "name": "Japan", "lon": 138.3, "lat": 36.1, "priority": 1}]
    assert placed_labels(markers, 0.6) == ["A", "C"]  # Czechia would sit on Germany
    assert placed_labels(markers, 4) == ["A", "B", "C"]  # zoomed in, all fit
    at = shown("migration", {"country": "JPN"})
    assert [m["label"] for m in layer(deck(at), "names")] == ["Japan ■"]  # the selected one always named


def test_migration_selected_country_details_under_the_map() -> None:
    at = shown("migration", {"country": "RUS"})
    assert not at.exception, at.exception
    assert any(h.value == "Russia" for h in at.subheader)
    details = next(m.value for m in at.markdown if "Share of nationals abroad" in m.value)
    assert "- Share of nationals abroad, 2020–2023: 79%" in details
    assert "Nationals imprisoned abroad, 2023–2024: 1,000 persons" in details


def test_migration_figures_name_their_country_and_format_numbers() -> None:
    at = shown("migration")
    frame = next(t.value for t in [*at.table, *at.dataframe] if "Share of nationals abroad" in t.value.to_csv())
    rows = [tuple(str(v) for v in r) for r in frame.itertuples(index=False)]
    assert ("Russia", "Share of nationals abroad", "79%") in [r[:3] for r in rows]
    assert any(r[2] == "328,458 persons" for r in rows)
    text = visible_text(at) + tables_text(at)
    assert "None" not in tables_text(at) and "osce-2025" not in text
    assert not CODE.search(text), CODE.search(text)


def test_migration_map_names_carry_the_shape_of_their_form_besides_the_colour() -> None:
    """Colour is never the only code (issue 18): a named country ends in the shape of its main
    form of exploitation, and the note under the map names colour and shape together."""
    import json

    from tests.apptest import shown as shown_page
    from ui.maps import FORM_SHAPES

    at = shown_page("migration")
    layers = json.loads(at.get("deck_gl_json_chart")[0].proto.json)["layers"]
    names = next(layer for layer in layers if layer["id"] == "names")["data"]
    labelled = [n for n in names if n["label"]]
    assert len(labelled) >= 5
    for n in labelled:
        assert n["label"].endswith(FORM_SHAPES[n["main_form"]]), n["label"]
    note = next(c.value for c in at.caption if "◆" in c.value)
    assert "pink ◆" in note and "green ■" in note and "orange ▲" in note and "light blue ●" in note
