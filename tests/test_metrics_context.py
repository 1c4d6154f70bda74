"""metrics.context on a small inline table: a town never stands for its region, the map
takes one region-wide figure per region, the year stays with every figure."""
from __future__ import annotations

import polars as pl

from metrics import context as ctx


def _table() -> pl.DataFrame:
    rows = [
        ("c1", "poverty_rate", 33.2, "percent", 2022, None, None, "national", None),
        ("c2", "poverty_rate", 41.9, "percent", 2003, "KG-J", None, "region", None),
        ("c3", "poverty_rate", 50.0, "percent", 2003, "KG-GO", None, "region", "estimate"),
        ("c4", "poverty_rate", 9.1, "percent", 2003, "KG-C", "Tokmak", "district", None),
        ("c5", "unemployment_rate", 9.5, "percent", 2003, "KG-C", None, "region", None),
        ("c6", "unemployment_rate", 11.0, "percent", 2003, "KG-N", None, "region", None),
        ("c7", "extreme_poverty_rate", 84.2, "percent", 2003, "KG-N", None, "region", None),
        ("c8", "registered_unemployed", 171900.0, "persons", 2003, None, None, "national", None),
    ]
    return pl.DataFrame(rows, schema={"id": pl.String, "measure": pl.String, "value": pl.Float64,
                                      "unit": pl.String, "year": pl.Int64, "region": pl.String,
                                      "district": pl.String, "scope": pl.String, "flags": pl.String},
                        orient="row")


def test_region_profile_lists_the_region_before_its_towns() -> None:
    chuy = ctx.for_region(_table(), "KG-C")
    assert chuy["id"].to_list() == ["c5", "c4"]
    assert ctx.for_region(_table(), "KG-T").is_empty()


def test_national_figures_latest_first() -> None:
    assert ctx.national(_table())["id"].to_list() == ["c1", "c8"]


def test_map_takes_region_wide_figures_only() -> None:
    options = ctx.map_measures(_table())
    # poverty 2003: Jalal-Abad and Osh city (Tokmak is a town, not Chuy); unemployment: Chuy and Naryn;
    # extreme poverty: one region only, not enough for a map
    assert options.select("measure", "year", "regions").to_dicts() == [
        {"measure": "poverty_rate", "year": 2003, "regions": 2},
        {"measure": "unemployment_rate", "year": 2003, "regions": 2},
    ]
    values = ctx.map_values(_table(), "poverty_rate", 2003)
    assert sorted(values["region"].to_list()) == ["KG-GO", "KG-J"]


def test_flags_are_read_per_row() -> None:
    assert ctx.has_flag(_table(), "estimate").to_list() == [False, False, True, False, False, False, False, False]
