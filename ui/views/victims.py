"""The Victims page's view: victim counts, the reporting gap, local support, networks
and change between periods, as frames ready to draw."""
from __future__ import annotations

import polars as pl

from data.load import labels as reference_labels
from i18n import N_, _
from i18n.numbers import number
from metrics import assistance as am
from metrics import funnel as fn
from metrics.masking import mask_small
from ui import labels
from ui.formatting import line_label

PROVENANCE = ["period", "reporter", "organisation", "source", "lines", "note"]
# Columns of this page's tables and what they hold (ui.labels.labelled).
WORDS = {"measure": "measure", "unit": "unit", "sex": "sex", "age_group": "age_group", "support_type": "support_type",
         "exploitation": "exploitation", "reporter": "reporter_short", "region": "region", "country": "country",
         "scope": "scope", "direction": "direction"}


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """Ids in the reader's words, for tables only: charts, filters and keys keep the ids."""
    return labels.labelled(frame, WORDS)


def named(frame: pl.DataFrame) -> pl.DataFrame:
    """Organisations and districts in the reader's language (our translation of the names
    the reports print in English); filters and keys use ids, never these names."""
    return labels.localise(frame, "organisation", "district")


def victim_rows(assistance: pl.DataFrame) -> pl.DataFrame:
    """Every victim figure with whose count it is (`scope`, an id)."""
    return am.scope(am.victims(named(assistance)), reference_labels("reporters", "kind"))


def region_options(rows: pl.DataFrame) -> list[str]:
    """'all' and the regions `rows` have figures for."""
    return ["all", *am.regions_named(rows)]


def narrowed(frame: pl.DataFrame, region: str, sex: str, age: str) -> pl.DataFrame:
    """The rows of the chosen region, sex and age ('all': any)."""
    return am.narrowed(frame, *(None if v == "all" else v for v in (region, sex, age)))


def one_bar_each(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Bar labels made distinct: a label that two rows share gets each row's lines, so
    two figures printed separately never fall onto one bar."""
    repeated = frame[column].is_duplicated().to_list()
    return frame.with_columns(pl.Series(column, [
        f"{label} ({line_label(lines)})" if twice else label
        for label, lines, twice in zip(frame[column], frame["lines"], repeated)], dtype=pl.String))


def figure_label(row: dict) -> str:
    """'Victims identified from Russia · 2019 · Oasis': what, from where, when, by whom."""
    what = labels.capitalised(labels.term("measure", row["measure"]))
    if row["country"] is not None:
        what = _("{measure} from {country}", measure=what, country=labels.country(row["country"]))
    return " · ".join(part for part in (what, row["period"], labels.reporter(row["reporter"], short=True)) if part)


def counts(rows: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    """The victim figures to draw (ids, `mask`, `shown` and a distinct `label` per bar)
    and how many are one organisation's own count."""
    shown = labels.shown(mask_small(rows.with_columns(published=pl.lit(True))))
    if shown.is_empty():
        return shown, 0
    shown = one_bar_each(shown.with_columns(label=pl.Series(
        [figure_label(r) for r in shown.iter_rows(named=True)], dtype=pl.String)), "label")
    return shown, shown.filter(pl.col("scope") == am.ONE_ORGANISATION).height


def reporting_gap(justice: pl.DataFrame, assistance: pl.DataFrame) -> pl.DataFrame:
    """Victims who approached NGOs next to crimes the police registered (steps with `label`)."""
    steps = fn.chain({"justice": justice, "assistance": assistance}, "ngo_vs_police_2018_2020")
    return labels.labelled(steps.with_columns(label=pl.col("step_id")), {"label": "chain_step"})


def local_support(assistance: pl.DataFrame, region: str) -> pl.DataFrame:
    support = am.local_support(named(assistance))
    return support if region == "all" else support.filter(pl.col("region") == region)


def support_cases(support: pl.DataFrame) -> pl.DataFrame:
    """Cases of local support by district, one bar each (`place`: organisation (district))."""
    return one_bar_each(am.support_by_region(support).with_columns(
        place=pl.col("organisation").fill_null("") + " ("
        + pl.col("district").fill_null(pl.lit(_("district not given"))) + ")"), "place")


def support_amounts(support: pl.DataFrame) -> pl.DataFrame:
    return support.filter(pl.col("measure").is_in(["support_given", "monthly_allowance"])).select(
        "organisation", "district", "region", "support_type", "value", "unit", "period", "source", "lines", "note")


def networks(assistance: pl.DataFrame) -> pl.DataFrame:
    return am.network_figures(named(assistance)).select(
        "measure", "value", "unit", "period", "reporter", "organisation", "source", "lines", "note")


def baseline(regional: pl.DataFrame) -> pl.DataFrame:
    """The 2003 NGO baseline by region: the parts of the printed total (flag breakdown);
    `place` is the region, or two units together where one part covers both."""
    together = {"Bishkek and Chuy region": _("Bishkek and Chuy (together)"),
                "Osh city, Osh region": _("Osh city and Osh region (together)")}
    return regional.filter((pl.col("measure") == "ngos_surveyed")
                           & pl.col("flags").fill_null("").str.contains("breakdown")).with_columns(
        place=pl.col("region").replace(labels.regions()).fill_null(
            pl.col("district").replace_strict(together, default=None)))


def shares(assistance: pl.DataFrame) -> pl.DataFrame:
    return am.ngo_shares(assistance).select("measure", "value", "unit", "period", "source", "lines")


def changes(assistance: pl.DataFrame, region: str, sex: str, age: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(change between periods of each victim series, ids; the table: the value as the
    reader reads it, 'not reported' for a missing year)."""
    rows = am.series_changes(narrowed(am.victims(assistance), region, sex, age),
                             ["measure", "unit", "reporter", "organisation", "region", "sex", "age_group", "country"])
    if rows.is_empty():
        return rows, rows
    shown = rows.with_columns(value=pl.Series(
        [labels.not_reported() if v is None else number(v) for v in rows["value"]], dtype=pl.String))
    return rows, shown.select("measure", "reporter", "period", "value", "previous", "change", "direction",
                              "comparable", "source", "lines")


# What a victim figure counts -> the chart it stands in: figures of one kind side by side,
# never people identified next to people assisted or children returned on one axis.
COUNT_GROUPS = {
    "identified": ("victims_identified", "victims_identified_nrm"),
    "assisted": ("victims_assisted", "victims_approached_ngo"),
    "returned": ("children_returned",),
}
COUNT_TITLES = {"identified": N_("Victims identified, as each source prints the count"),
                "assisted": N_("Victims assisted or who turned to NGOs, as each source prints the count"),
                "returned": N_("Children returned, as each source prints the count"),
                "other": N_("Other victim counts, as each source prints them")}


def count_groups(shown: pl.DataFrame) -> list[tuple[str, pl.DataFrame]]:
    """The counts split by what they count (COUNT_GROUPS; anything else in 'other'), each
    group in time order; groups with no row are left out."""
    group_of = {m: g for g, measures in COUNT_GROUPS.items() for m in measures}
    keyed = shown.with_columns(count_group=pl.col("measure").replace_strict(group_of, default="other"))
    out = []
    for group in [*COUNT_GROUPS, "other"]:
        part = keyed.filter(pl.col("count_group") == group)
        if part.height:
            out.append((group, part.sort("period_start", "period_end", maintain_order=True).drop("count_group")))
    return out
