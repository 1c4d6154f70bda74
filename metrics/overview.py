"""The situation at a glance: the latest figure for each core measure. Pure polars."""
from __future__ import annotations

import polars as pl

from data.headlines import totals
from i18n import N_, _, ngettext
from i18n.numbers import number
from metrics import funnel as fn
from metrics.recommendations import formal
from metrics.yoy import latest

# Card labels (message ids; `label` holds them translated for the run).
CARD_LABELS = {
    "registered": N_("Registered trafficking cases"),
    "prosecuted": N_("Cases sent to court / prosecuted"),
    "convicted": N_("Persons convicted"),
    "victims": N_("Victims identified or assisted (one year)"),
}


def headline_cards(justice: pl.DataFrame, assistance: pl.DataFrame, this_year: int,
                   names: dict[str, str] | None = None) -> pl.DataFrame:
    """One row per core measure: latest single-year value, its reporter, year, source and
    lines, the same reporter's previous value and the change, and the data's age in years.

    When reporters disagree on the latest year, the card takes the reporter with the most
    years of data (the longest series), and `others` lists the rest (by `names`).
    `label` and `others` are text in the current language.
    """
    names = names or {}
    cards = []
    series = fn.series(justice)
    for stage in ["registered", "prosecuted", "convicted"]:
        part = series.filter(pl.col("stage") == stage)
        cards.append(_card(part, _(CARD_LABELS[stage]), this_year, names))
    victims = totals(assistance).filter(pl.col("measure").is_in(["victims_identified", "victims_assisted"])
                                        & pl.col("year").is_not_null())
    cards.append(_card(victims, _(CARD_LABELS["victims"]), this_year, names))
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
        "scope": best.get("scope"),  # whose count: "organisation" is one body's, never national
        "reporter": best["reporter"], "source": best["source"], "lines": best["lines"],
        "previous_year": mine["previous_year"], "previous_value": mine["previous_value"],
        "change": mine["change"], "age": this_year - last_year,
        "others": ", ".join(f"{names.get(r['reporter'], r['reporter'])}: {number(r['value'])}"
                            for r in others.iter_rows(named=True)),
        "spark_years": with_values.filter(pl.col("reporter") == best["reporter"]).sort("year")["year"].to_list(),
        "spark_values": with_values.filter(pl.col("reporter") == best["reporter"]).sort("year")["value"].to_list(),
    }


def regional_councils(councils: pl.DataFrame) -> pl.DataFrame:
    """Regional coordination councils a source reports as established, one row per region."""
    councils = councils.filter((pl.col("level") == "regional") & pl.col("region").is_not_null())
    if "kind" in councils.columns:  # not the 2002-2003 commissions, orders and plans
        councils = councils.filter(pl.col("kind") == "coordination_council")
    return councils.unique(subset=["region"], keep="first", maintain_order=True)


def value_range(series: pl.DataFrame, stage: str) -> dict[str, str] | None:
    """The lowest and highest yearly figure of a stage and the years they span, as text
    for a sentence ({low}, {high}, {first}, {last}), or None when there is no figure.

    Years where several reporters give a figure are preferred, so the range shows how far
    the sources disagree."""
    part = series.filter((pl.col("stage") == stage) & pl.col("value").is_not_null() & pl.col("year").is_not_null())
    if part.is_empty():
        return None
    multi = part.group_by("year").agg(n=pl.col("reporter").n_unique()).filter(pl.col("n") > 1)["year"]
    window = part.filter(pl.col("year").is_in(multi)) if multi.len() else part
    return {"low": number(int(window["value"].min())), "high": number(int(window["value"].max())),
            "first": str(int(window["year"].min())), "last": str(int(window["year"].max()))}


def range_sentence(series: pl.DataFrame, stage: str) -> str | None:
    """'7 to 40 a year, 2016–2021, depending on the reporter' from the data."""
    values = value_range(series, stage)
    if values is None:
        return None
    return _("{low} to {high} a year, {first}–{last}, depending on the reporter", **values)


def page_answers(tables: dict[str, pl.DataFrame], n_regions: int, country_names: dict[str, str]) -> dict[str, str]:
    """One-line answers for the links to the other pages, computed from the data,
    in the current language (`country_names` should be in it too)."""
    from metrics import assistance as am

    answers: dict[str, str] = {}
    values = value_range(fn.series(tables["justice"]), "registered")
    if values:
        answers["justice"] = _("registered trafficking cases, {low} to {high} a year, {first}–{last}, "
                               "depending on the reporter.", **values)
    victims = am.victims(tables["assistance"]).filter(pl.col("value").is_not_null())
    if victims.height:
        # Translators: {from_bodies} is "from 3 organisations and agencies" (translated on its own).
        from_bodies = ngettext("from {n} organisation or agency", "from {n} organisations and agencies",
                               victims["reporter"].n_unique())
        answers["victims"] = ngettext(
            "{n} victim figure {from_bodies}, for its own period; no national count.",
            "{n} victim figures {from_bodies}, each for its own period; no national count.",
            victims.height, from_bodies=from_bodies)
    councils = regional_councils(tables["councils"])
    answers["regions"] = ngettext("a coordination council is on record in {count} of {n} region.",
                                  "a coordination council is on record in {count} of {n} regions.",
                                  n_regions, count=number(councils.height))
    destinations = tables["destination_mentions"].filter(
        (pl.col("role") == "destination") & (pl.col("country") != "KGZ"))
    if destinations.height:
        ranked = destinations.group_by("country").agg(n=pl.col("source").n_unique(), mentions=pl.len()).sort(
            ["n", "mentions", "country"], descending=[True, True, False])
        top = ", ".join(country_names.get(c, c) for c in ranked.head(3)["country"])
        answers["migration"] = ngettext("{n} country named as a destination; named most often: {top}.",
                                        "{n} countries named as destinations; named most often: {top}.",
                                        ranked.height, top=top)
    recs = formal(tables["recommendations"])  # count each formal recommendation once
    if recs.height:
        done = recs.filter(pl.col("status") == "implemented").height
        assessed = recs.filter(pl.col("status") != "no_status").height
        # Translators: {in_reports} is "in 5 reports", {implemented} is "3 of the 10 assessed are
        # implemented" (each translated on its own, with its own plural).
        in_reports = ngettext("in {n} report", "in {n} reports", recs["source"].n_unique())
        implemented = ngettext("{n} of the {assessed} assessed is implemented",
                               "{n} of the {assessed} assessed are implemented", done, assessed=number(assessed))
        answers["recommendations"] = ngettext("{n} recommendation {in_reports}; {implemented}.",
                                              "{n} recommendations {in_reports}; {implemented}.",
                                              recs.height, in_reports=in_reports, implemented=implemented)
    return answers
