"""Our free text in the data (notes; the councils' acts, chairs, members and plans) reads in
Russian and Kyrgyz on Russian and Kyrgyz pages (issue [11])."""
from __future__ import annotations

import csv
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
