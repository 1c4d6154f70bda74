"""Every curated dataset loads with zero problems and holds what the contract says."""
from __future__ import annotations

import polars as pl
import pytest

from data.load import load_all, reference
from data.schemas import datasets

NAMES = list(datasets())


@pytest.mark.parametrize("name", NAMES)
def test_dataset_loads_without_problems(name: str) -> None:
    loaded = load_all()[name]
    assert loaded.problems == (), "\n".join(str(p) for p in loaded.problems)
    assert loaded.frame.height > 0


@pytest.mark.parametrize("name", [n for n, d in datasets().items() if d.figures])
def test_figure_tables_have_contract_columns(name: str) -> None:
    frame = load_all()[name].frame
    for column in ["value", "unit", "source", "lines", "year", "period_start", "period_end", "reporter", "note"]:
        assert column in frame.columns
    assert frame["value"].dtype == pl.Float64
    # every row has a period after loading; only a cumulative "as of" figure has no start
    cumulative = frame["flags"].fill_null("").str.contains("cumulative")
    assert frame.filter(~cumulative)["period_start"].null_count() == 0
    assert frame.filter(cumulative)["period_start"].null_count() == cumulative.sum()
    assert frame["period_end"].null_count() == 0


def test_missing_figures_are_gaps_not_zeros() -> None:
    justice = load_all()["justice"].frame
    gaps = justice.filter(pl.col("value").is_null())
    assert gaps.height > 0, "the sources print '-' for several years; those must stay missing"
    assert gaps["note"].null_count() == 0


def test_regions_have_nine_units_in_three_languages() -> None:
    regions = reference("regions")
    assert regions.height == 9
    assert set(regions["kind"]) == {"oblast", "city"}
    for col in ["name_en", "name_ru", "name_ky", "spellings"]:
        assert regions[col].null_count() == 0
    chuy = regions.filter(pl.col("region") == "KG-C")["spellings"][0]
    assert "Chui" in chuy and "Chuy" in chuy


def test_sources_catalogue_lists_five_documents() -> None:
    sources = reference("sources")
    assert sources.height == 5
    assert set(sources["source"]) == {"auca-2019", "osce-2025", "unregistered-study", "winrock-2005", "unodc-2022"}
    for col in ["file", "title", "publisher", "period_covered"]:
        assert sources[col].null_count() == 0


def test_every_cited_source_is_catalogued() -> None:
    known = set(reference("sources")["source"])
    for loaded in load_all().values():
        assert set(loaded.frame["source"].unique()) <= known


def test_several_hundred_rows_in_all() -> None:
    assert sum(l.frame.height for l in load_all().values()) >= 300
