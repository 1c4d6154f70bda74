"""The situation at a glance: the latest figure for each core measure. Pure polars."""
from __future__ import annotations

import polars as pl

from data.headlines import totals
from metrics import funnel as fn
from metrics.recommendations import formal
from metrics.yoy import latest

# The core measures, one card each: card id -> what it counts (`ui.labels.card()` names them).
CARDS = ["registered", "prosecuted", "convicted", "victims"]


def headline_cards(justice: pl.DataFrame, assistance: pl.DataFrame, this_year: int) -> pl.DataFrame:
    """One row per core measure (`card`, an id of CARDS): latest single-year value, its
    reporter, year, source and lines, the same reporter's previous value and the change,
    and the data's age in years.

    When reporters disagree on the latest year, the card takes the reporter with the most
    years of data (the longest series); `other_reporters` and `other_values` list the rest.
    """
    cards = []
    series = fn.series(justice)
    for stage in ["registered", "prosecuted", "convicted"]:
        part = series.filter(pl.col("stage") == stage)
        cards.append(_card(part, stage, this_year))
    victims = totals(assistance).filter(pl.col("measure").is_in(["victims_identified", "victims_assisted"])
                                        & pl.col("year").is_not_null())
    cards.append(_card(victims, "victims", this_year))
    cards = [c for c in cards if c is not None]
    return pl.DataFrame(cards, schema_overrides={"other_reporters": pl.List(pl.String),
                                                 "other_values": pl.List(pl.Float64)})


def _card(part: pl.DataFrame, card: str, this_year: int) -> dict | None:
    with_values = part.filter(pl.col("value").is_not_null() & pl.col("year").is_not_null())
    if with_values.is_empty():
        return None
    last_year = int(with_values["year"].max())
    lengths = with_values.group_by("reporter").agg(n=pl.len())
    at_last = with_values.filter(pl.col("year") == last_year).join(lengths, on="reporter").sort(
        ["n", "reporter"], descending=[True, False])
    best = at_last.row(0, named=True)
    mine = latest(with_values.filter(pl.col("reporter") == best["reporter"]), ["reporter"]).row(0, named=True)
    others = at_last.filter(pl.col("reporter") != best["reporter"])
    own = with_values.filter(pl.col("reporter") == best["reporter"]).sort("year")
    return {
        "card": card, "value": best["value"], "unit": best["unit"], "year": last_year,
        "scope": best.get("scope"),  # whose count: "organisation" is one body's, never national
        "reporter": best["reporter"], "source": best["source"], "lines": best["lines"],
        "previous_year": mine["previous_year"], "previous_value": mine["previous_value"],
        "change": mine["change"], "age": this_year - last_year,
        "other_reporters": others["reporter"].to_list(), "other_values": others["value"].to_list(),
        "spark_years": own["year"].to_list(), "spark_values": own["value"].to_list(),
    }


def regional_councils(councils: pl.DataFrame) -> pl.DataFrame:
    """Regional coordination councils a source reports as established, one row per region."""
    councils = councils.filter((pl.col("level") == "regional") & pl.col("region").is_not_null())
    if "kind" in councils.columns:  # not the 2002-2003 commissions, orders and plans
        councils = councils.filter(pl.col("kind") == "coordination_council")
    return councils.unique(subset=["region"], keep="first", maintain_order=True)


def value_range(series: pl.DataFrame, stage: str) -> dict[str, int] | None:
    """The lowest and highest yearly figure of a stage and the years they span
    ({low, high, first, last}), or None when there is no figure.

    Years where several reporters give a figure are preferred, so the range shows how far
    the sources disagree."""
    part = series.filter((pl.col("stage") == stage) & pl.col("value").is_not_null() & pl.col("year").is_not_null())
    if part.is_empty():
        return None
    multi = part.group_by("year").agg(n=pl.col("reporter").n_unique()).filter(pl.col("n") > 1)["year"]
    window = part.filter(pl.col("year").is_in(multi)) if multi.len() else part
    return {"low": int(window["value"].min()), "high": int(window["value"].max()),
            "first": int(window["year"].min()), "last": int(window["year"].max())}


def page_facts(tables: dict[str, pl.DataFrame], n_regions: int) -> dict[str, dict]:
    """The facts behind the one-line answers that link to the other pages, from the data:
    page id -> numbers and ids (`ui.labels.page_answers()` says them in words). A page
    without the data for its answer is left out."""
    from metrics import assistance as am

    facts: dict[str, dict] = {}
    values = value_range(fn.series(tables["justice"]), "registered")
    if values:
        facts["justice"] = values
    victims = am.victims(tables["assistance"]).filter(pl.col("value").is_not_null())
    if victims.height:
        facts["victims"] = {"figures": victims.height, "bodies": victims["reporter"].n_unique()}
    councils = regional_councils(tables["councils"])
    facts["regions"] = {"count": councils.height, "regions": n_regions}
    destinations = tables["destination_mentions"].filter(
        (pl.col("role") == "destination") & (pl.col("country") != "KGZ"))
    if destinations.height:
        ranked = destinations.group_by("country").agg(n=pl.col("source").n_unique(), mentions=pl.len()).sort(
            ["n", "mentions", "country"], descending=[True, True, False])
        facts["migration"] = {"countries": ranked.height, "top": ranked.head(3)["country"].to_list()}
    recs = formal(tables["recommendations"])  # count each formal recommendation once
    if recs.height:
        facts["recommendations"] = {
            "recommendations": recs.height, "reports": recs["source"].n_unique(),
            "implemented": recs.filter(pl.col("status") == "implemented").height,
            "assessed": recs.filter(pl.col("status") != "no_status").height,
        }
    return facts
