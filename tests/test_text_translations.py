"""Our free text in the data (notes; the councils' acts, chairs, members and plans) reads in
Russian and Kyrgyz on Russian and Kyrgyz pages (issue [11])."""
from __future__ import annotations

import csv
import json
import re

import polars as pl
import pytest

from i18n import using
from tests.apptest import run_page, visible_text
from tests.conftest import ROOT

DATA = ROOT / "data"
COUNCIL_COLUMNS = ["established_by", "chair", "members", "plans_adopted"]
FILES = sorted(p.name for p in DATA.glob("*.csv") if "note" in next(csv.reader(p.open(encoding="utf-8"))))
CYRILLIC = re.compile("[а-яёңөүА-ЯЁҢӨҮ]")
LATIN_WORD = re.compile(r"[A-Za-z]{4,}")
SHORTHAND = re.compile(r"same_as|\.csv\b|\bfn\b|\bl\.\s?\d")  # curators' shorthand and file names read as words


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def untranslated(name: str, columns: list[str]) -> list[str]:
    """'<id> <column>_<lang>: <english>' for each non-empty text without a proper translation."""
    bad = []
    for row in rows(name):
        for column in columns:
            english = row[column].strip()
            if not english:
                continue
            for lang in ("ru", "ky"):
                local = (row.get(f"{column}_{lang}") or "").strip()
                # the same text is allowed only when it is nothing but numbers and names
                words = bool(LATIN_WORD.search(english))
                if not local or (local == english and words) or (words and not CYRILLIC.search(local)) or (
                        lang == "ky" and words and local == (row.get(f"{column}_ru") or "").strip()) or (
                        SHORTHAND.search(local)):
                    bad.append(f"{row.get('id')} {column}_{lang}: {english[:60]}")
    return bad


def test_every_file_with_notes_is_checked() -> None:
    assert {"justice.csv", "assistance.csv", "councils.csv", "recommendations.csv", "conflicts.csv"} <= set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_every_note_has_russian_and_kyrgyz(name: str) -> None:
    bad = untranslated(name, ["note"])
    assert not bad, f"{name}: {len(bad)} notes without a translation, e.g. {bad[:3]}"


def test_councils_acts_chairs_members_plans_have_russian_and_kyrgyz() -> None:
    bad = untranslated("councils.csv", COUNCIL_COLUMNS)
    assert not bad, bad[:5]
    # and the Kyrgyz is not the Russian copied over
    same = [r[f"{c}_ru"] for r in rows("councils.csv") for c in COUNCIL_COLUMNS
            if r[c].strip() and r[f"{c}_ru"] == r[f"{c}_ky"]]
    assert not same, same


def test_the_reader_language_wins_for_notes() -> None:
    from ui import labels
    from ui.tables import blank

    english = "Reports results every six months"
    frame = pl.DataFrame({"note": [english, "not one of ours", None]})
    with using("ru"):
        assert labels.note(english) == "отчитывается о результатах раз в полгода"
        assert blank(frame)["note"].to_list() == ["отчитывается о результатах раз в полгода", "not one of ours", ""]
    with using("ky"):
        assert labels.note(english) == "натыйжалары жөнүндө жарым жылда бир жолу отчет берет"
    with using("en"):
        assert labels.note(english) == english
        assert blank(frame)["note"].to_list() == [english, "not one of ours", ""]


def test_regions_profile_in_russian_shows_the_act_and_plan_in_russian() -> None:
    at = run_page("regions", {"region": "KG-C", "lang": "ru"})
    text = visible_text(at)
    assert "решение полномочного представителя Правительства в области" in text
    assert "председатель совета (не назван)" in text
    assert "Decision of authorized representative of the Government in the region" not in text
    assert "Chairman of the Council (not named)" not in text
    assert "local anti-trafficking action plan endorsed in 2018" not in text


def test_regions_profile_in_kyrgyz_shows_the_act_in_kyrgyz() -> None:
    at = run_page("regions", {"region": "KG-C", "lang": "ky"})
    text = visible_text(at)
    assert "Өкмөттүн облустагы ыйгарым укуктуу өкүлүнүн чечими" in text
    assert "Decision of authorized representative of the Government in the region" not in text


def test_capacity_page_in_russian_shows_notes_in_russian() -> None:
    at = run_page("capacity", {"lang": "ru"})
    cells = " ".join(str(v) for t in at.table for v in t.value.to_numpy().ravel())
    assert "бюджет проекта УНП ООН, этап 1" in cells
    assert "UNODC project budget Phase 1" not in cells


def test_capacity_page_in_english_keeps_the_english_notes() -> None:
    at = run_page("capacity")
    cells = " ".join(str(v) for t in at.table for v in t.value.to_numpy().ravel())
    assert "UNODC project budget Phase 1" in cells


# --- Names the reports print in English (organisers, organisations, districts, the government's
# responses, the crosswalk's concepts): Russian and Kyrgyz beside them (tracker issue 17) -------

NAME_COLUMNS = [("capacity.csv", "organiser"), ("assistance.csv", "organisation"), ("assistance.csv", "district"),
                ("regional.csv", "organisation"), ("regional.csv", "district"),
                ("recommendations.csv", "government_response"), ("article_crosswalk.csv", "concept"),
                ("context.csv", "district")]
# Names that are the same in Latin letters in a language (reporters.csv writes UNODC so in Kyrgyz).
SAME_IN_LATIN = {("UNODC", "ky")}


def test_every_translated_name_column_is_checked() -> None:
    from tools.translations.__main__ import FILE_COLUMNS

    assert sorted(NAME_COLUMNS) == sorted((f, c) for f, columns in FILE_COLUMNS.items() for c in columns)


@pytest.mark.parametrize("name,column", NAME_COLUMNS)
def test_every_name_has_russian_and_kyrgyz(name: str, column: str) -> None:
    bad = []
    for row in rows(name):
        english = row[column].strip()
        for lang in ("ru", "ky"):
            local = row[f"{column}_{lang}"].strip()
            if not english:
                if local:
                    bad.append(f"{row['id']} {column}_{lang}: a translation of nothing")
            elif (english, lang) in SAME_IN_LATIN:
                if local != english:
                    bad.append(f"{row['id']} {column}_{lang}: {local!r}, want {english!r}")
            elif not local or local == english or not CYRILLIC.search(local):
                bad.append(f"{row['id']} {column}_{lang}: {english[:60]!r} -> {local!r}")
    assert not bad, bad[:5]


def test_names_follow_the_reporters_table() -> None:
    """UNODC and IOM are named as data/reporters.csv names them; a local body keeps the
    district's Russian and Kyrgyz spelling."""
    by_english = {r["organiser"]: (r["organiser_ru"], r["organiser_ky"]) for r in rows("capacity.csv")}
    assert by_english["UNODC"] == ("УНП ООН", "UNODC")
    assert by_english["MIA KR"] == ("МВД КР", "КР Ички иштер министрлиги")
    organisations = {r["organisation"]: (r["organisation_ru"], r["organisation_ky"]) for r in rows("assistance.csv")}
    assert organisations["IOM"] == ("МОМ", "ЭМУ")
    assert organisations["El Agartuu"] == ("«Эл Агартуу»", "«Эл Агартуу»")
    assert organisations["Mayor's office of Osh City"] == ("Мэрия г. Ош", "Ош шаарынын мэриясы")
    districts = {r["district"]: (r["district_ru"], r["district_ky"]) for r in rows("assistance.csv")}
    assert districts["Uzgen"] == ("Узген", "Өзгөн")
    assert districts["Jety-Oguz"] == ("Жети-Огуз", "Жети-Өгүз")


def test_a_translation_never_tells_two_figures_apart() -> None:
    """Two reporters' figures for one organisation disagree whatever our translations say; the
    desk's import key leaves the translations out as well."""
    from desk.importer import _key
    from metrics.disagreements import disagreements

    frame = pl.DataFrame({
        "id": ["a-1", "a-2"], "measure": ["victims_assisted"] * 2, "unit": ["persons"] * 2, "period": ["2019"] * 2,
        "reporter": ["iom", "ngo"], "value": [10.0, 12.0], "source": ["s", "t"], "lines": ["1", "2"],
        "organisation": ["IOM"] * 2, "organisation_ru": ["МОМ", None], "organisation_ky": ["ЭМУ", "ЭМУ"],
    })
    found = disagreements(frame, "assistance")
    assert found["values"].to_list() == ["10, 12"]
    row = {"measure": "victims_assisted", "organisation": "IOM", "organisation_ru": "МОМ", "district_ky": "Өзгөн"}
    assert _key(row) == (("measure", "victims_assisted"), ("organisation", "IOM"))


def test_government_response_and_concepts_in_the_reader_language() -> None:
    from data.load import table
    from ui.views.justice import crosswalk
    from ui.views.recommendations import table_rows

    recs = table("recommendations").filter(pl.col("government_response").is_not_null())
    with using("ru"):
        responses = table_rows(recs)["government_response"].to_list()
        concepts = crosswalk(table("article_crosswalk"))["concept"].to_list()
    assert responses and all(r.startswith("Комментарий Генеральной прокуратуры: ") for r in responses)
    assert "торговля людьми" in concepts and "trafficking in persons" not in concepts
    with using("ky"):
        assert "адам сатуу" in crosswalk(table("article_crosswalk"))["concept"].to_list()
    with using("en"):
        assert all(r.startswith("GPO comment: ") for r in table_rows(recs)["government_response"].to_list())


def test_capacity_cards_in_russian_name_the_organiser_in_russian() -> None:
    titles = [m.label for m in run_page("capacity", {"lang": "ru"}).metric]
    assert any(t.startswith("УНП ООН, ") for t in titles), titles
    assert not any("UNODC," in t for t in titles), titles


def test_capacity_cards_in_english_keep_the_english_name() -> None:
    titles = [m.label for m in run_page("capacity").metric]
    assert any(t.startswith("UNODC, ") for t in titles), titles


def test_victims_local_support_in_russian_names_districts_in_russian() -> None:
    at = run_page("victims", {"lang": "ru", "view": "support", "region": "KG-O"})
    bars = [str(y).replace("<br>", " ") for trace in json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
            for y in trace["y"]]
    assert any(b.endswith("(Узген)") for b in bars), bars
    assert not any("Uzgen" in b for b in bars), bars
    cells = [r for t in at.table for r in t.value.to_dict("records")]
    cells += [r for d in at.dataframe for r in d.value.to_dict("records")]
    districts = {r.get("Район") for r in cells}
    assert "Узген" in districts or "Ноокат" in districts, districts
    assert not {"Uzgen", "Nookat", "Osh City"} & districts, districts


def test_regions_profile_in_kyrgyz_names_organisations_in_kyrgyz() -> None:
    at = run_page("regions", {"lang": "ky", "region": "KG-N"})
    cells = {str(v) for t in [*at.dataframe, *at.table] for v in t.value.to_numpy().ravel()}
    assert "«Сорос-Кыргызстан» фондунун Нарындагы ресурстук борбору" in cells
    assert "Нарын шаары" in cells
    assert not {"Soros Foundation-Kyrgyzstan Naryn Resource Center", "Naryn city", "Naryn town"} & cells


def test_a_context_figure_names_its_town_and_report_in_the_readers_language() -> None:
    """Regions' context figures for one town ('Tokmak only') and the report they come from."""
    from tests.apptest import shown as shown_page, visible_text

    at = shown_page("regions", {"lang": "ru", "region": "KG-C"})
    text = visible_text(at) + " ".join(m.label for m in at.metric)
    assert "Токмок" in text and "Tokmak" not in text
    assert "OSCE 2025" not in text
