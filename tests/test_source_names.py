"""Source documents in the reader's language (issue 17): Russian and Kyrgyz pages name the
reports, their titles and publishers in that language (our translation, data/sources.csv
`short_ru`, `title_ru`, ...), and keep the title as published where a reader needs it to find
the document (the Sources page, a citation, the passage dialog)."""
from __future__ import annotations

import polars as pl

from data.citations import document, documents, short_names
from data.load import reference
from i18n import using
from tests.apptest import shown, visible_text


def test_every_document_has_its_names_in_russian_and_kyrgyz() -> None:
    table = reference("sources")
    for column in ("short", "title", "publisher", "period_covered", "language"):
        for lang in ("ru", "ky"):
            local = table[f"{column}_{lang}"]
            assert local.null_count() == 0, (column, lang)
    # A translation is not a copy of the English (years and ranges may stay as they are).
    for lang in ("ru", "ky"):
        assert (table["title"] != table[f"title_{lang}"]).all()


def test_names_follow_the_language() -> None:
    with using("en"):
        assert short_names()["osce-2025"] == "OSCE 2025"
        assert document("osce-2025")["title"] == document("osce-2025")["title_original"]
    with using("ru"):
        assert short_names()["osce-2025"] == "ОБСЕ 2025"
        doc = document("unodc-2022")
        assert doc["short"] == "УНП ООН 2022" and doc["title"].startswith("Итоговый отчет")
        assert doc["title_original"].startswith("Final report")
    with using("ky"):
        assert documents().filter(pl.col("source") == "osce-2025")["short"][0] == "ЕККУ 2025"
    assert document("no-such-source") == {}


def test_russian_footer_names_documents_in_russian() -> None:
    text = visible_text(shown("justice", {"lang": "ru"}))
    assert "УНП ООН 2022" in text and "Итоговый отчет: укрепление мер уголовного правосудия" in text
    assert "Final report: Strengthening" not in text


def test_russian_sources_page_shows_the_original_title_beside_ours() -> None:
    at = shown("sources", {"lang": "ru"})
    tables = [t.value for t in at.table] + [d.value for d in at.dataframe]
    docs = next(t for t in tables if "Название в оригинале" in t.columns)
    row = docs[docs["Название в оригинале"].str.startswith("Final report")]
    assert len(row) == 1 and row.iloc[0]["Документ"] == "УНП ООН 2022"
    assert str(row.iloc[0]["Год"]) == "2022"  # a year, not a number with a thousands space ("2 022")
