"""The situation at a glance: the latest figure for each core measure. Pure polars."""
from __future__ import annotations

import polars as pl

from metrics import funnel as fn
from metrics.yoy import latest


def headline_cards(justice: pl.DataFrame, assistance: pl.DataFrame, this_year: int,
                   names: dict[str, str] | None = None) -> pl.DataFrame:
    """One row per core measure: latest single-year value, its reporter, year, source and
    lines, the same reporter's previous value and the change, and the data's age in years.

    When reporters disagree on the latest year, the card takes the reporter with the most
    years of data (the longest series), and `others` lists the rest (by `names`).
    """
    names = names or {}
    cards = []
    series = fn.series(justice)
    for stage, label in [("registered", "Registered trafficking cases"),
                         ("prosecuted", "Cases sent to court / prosecuted"),
                         ("convicted", "Persons convicted")]:
        part = series.filter(pl.col("stage") == stage)
        cards.append(_card(part, label, this_year, names))
    victims = assistance.filter(pl.col("measure").is_in(["victims_identified", "victims_assisted"])
                                & pl.col("year").is_not_null())
    cards.append(_card(victims, "Victims identified or assisted (one year)", this_year, names))
    cards = [c for c in cards if c is not None]
    return pl.DataFrame(cards)


def _card(part: pl.DataFrame, label: str, this_year: int, names: dict[str, str]) -> dict | None:
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
    return {
        "label": label, "value": best["value"], "unit": best["unit"], "year": last_year,
        "reporter": best["reporter"], "source": best["source"], "lines": best["lines"],
        "previous_year": mine["previous_year"], "previous_value": mine["previous_value"],
        "change": mine["change"], "age": this_year - last_year,
        "others": ", ".join(f"{names.get(r['reporter'], r['reporter'])}: {int(r['value'])}"
                            for r in others.iter_rows(named=True)),
        "spark_years": with_values.filter(pl.col("reporter") == best["reporter"]).sort("year")["year"].to_list(),
        "spark_values": with_values.filter(pl.col("reporter") == best["reporter"]).sort("year")["value"].to_list(),
    }


def regional_councils(councils: pl.DataFrame) -> pl.DataFrame:
    """Regional coordination councils a source reports as established, one row per region."""
    return councils.filter((pl.col("level") == "regional") & pl.col("region").is_not_null()).unique(
        subset=["region"], keep="first", maintain_order=True)


def range_sentence(series: pl.DataFrame, stage: str) -> str | None:
    """'7 to 40 registered cases a year, 2016–2021, depending on the reporter' from the data."""
    part = series.filter((pl.col("stage") == stage) & pl.col("value").is_not_null() & pl.col("year").is_not_null())
    if part.is_empty():
        return None
    multi = part.group_by("year").agg(n=pl.col("reporter").n_unique()).filter(pl.col("n") > 1)["year"]
    window = part.filter(pl.col("year").is_in(multi)) if multi.len() else part
    lo, hi = int(window["value"].min()), int(window["value"].max())
    y0, y1 = int(window["year"].min()), int(window["year"].max())
    return f"{lo} to {hi} a year, {y0}–{y1}, depending on the reporter"


def page_answers(tables: dict[str, pl.DataFrame], n_regions: int, country_names: dict[str, str]) -> dict[str, str]:
    """One-line answers for the links to the other pages, computed from the data."""
    from metrics import assistance as am

    answers: dict[str, str] = {}
    sentence = range_sentence(fn.series(tables["justice"]), "registered")
    if sentence:
        answers["justice"] = f"registered trafficking cases, {sentence}."
    victims = am.victims(tables["assistance"]).filter(pl.col("value").is_not_null())
    if victims.height:
        answers["victims"] = (f"{victims.height} victim figures from {victims['reporter'].n_unique()} organisations "
                              "and agencies, each for its own period; no national count.")
    councils = regional_councils(tables["councils"])
    answers["regions"] = f"a coordination council is on record in {councils.height} of {n_regions} regions."
    destinations = tables["destination_mentions"].filter(
        (pl.col("role") == "destination") & (pl.col("country") != "KGZ"))
    if destinations.height:
        ranked = destinations.group_by("country").agg(n=pl.col("source").n_unique(), mentions=pl.len()).sort(
            ["n", "mentions", "country"], descending=[True, True, False])
        top = ", ".join(country_names.get(c, c) for c in ranked.head(3)["country"])
        answers["migration"] = (f"{ranked.height} countries named as destinations; named most often: {top}.")
    recs = tables["recommendations"]
    if recs.height:
        done = recs.filter(pl.col("status") == "implemented").height
        assessed = recs.filter(pl.col("status") != "no_status").height
        answers["recommendations"] = (f"{recs.height} recommendations in {recs['source'].n_unique()} reports; "
                                      f"{done} of the {assessed} assessed are implemented.")
    return answers
