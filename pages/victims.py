"""Victims: what the sources say about victims identified and assisted, mostly by
NGOs and crisis centres. Layout only: figures come from metrics."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import labels, table
from i18n import _, ngettext
from i18n.names import names as names_of
from i18n.names import capitalised, term, translated
from i18n.numbers import number
from metrics import assistance as am
from metrics import funnel as fn
from metrics.masking import mask_small
from ui import params
from ui.charts import horizontal_bars, line_label, not_reported, show, step_bars
from ui.frame import PageFrame
from ui.tables import direction_labels
from ui.tables import table as show_table

PROVENANCE = ["period", "reporter", "organisation", "source", "lines", "note"]

frame = PageFrame("victims")
assistance, justice, regional = table("assistance"), table("justice"), table("regional")
region_names = names_of("regions")
country_names = names_of("countries")
kinds = labels("reporters", "kind")
reporter_names = names_of("reporters", short=True)
# Headers of this page's own columns (the common ones come from ui.tables).
HEADERS = {"previous": _("Previous"), "comparable": _("Comparable")}


def readable(frame_: pl.DataFrame) -> pl.DataFrame:
    """Ids in the reader's language, for tables only: charts, filters and keys keep the ids."""
    frame_ = translated(frame_, {"measure": "measure", "unit": "unit", "sex": "sex", "age_group": "age_group",
                                 "support_type": "support_type", "exploitation": "exploitation"})
    cols = {}
    if "reporter" in frame_.columns:
        cols["reporter"] = pl.col("reporter").replace(reporter_names)
    if "region" in frame_.columns:
        cols["region"] = pl.col("region").replace({**region_names, "unknown": _("unknown")})
    if "country" in frame_.columns:
        cols["country"] = pl.col("country").replace(country_names)
    return frame_.with_columns(**cols) if cols else frame_


def table_of(frame_: pl.DataFrame, key: str, formats: dict[str, str] | None = None) -> None:
    """A table of figures with translated values and headers (a plain table when small)."""
    show_table(readable(frame_), key, {c: h for c, h in HEADERS.items() if c in frame_.columns}, formats)


with st.expander(_("How to read this page"), icon=":material/help:"):
    st.markdown("\n".join("- " + bullet for bullet in (
        _("**There is no national count of victims.** Each figure is one organisation's or one "
          "agency's count for its own period; the column *scope* says whose. Figures of different "
          "organisations are not added up."),
        _("**Periods differ** (a year, half a year, several years): compare like with like."),
        _("**A figure the source does not give is shown as 'not reported', never as zero.**"),
        _("Counts for one region, sex and age that we would derive are shown as *fewer than 5*; "
          "every figure on this page was printed by its source, so none needed masking."),
    )))

VIEWS = {
    "counts": _("Victim counts"), "gap": _("Reporting gap"), "support": _("Local support"),
    "networks": _("Hotlines and NGO networks"), "change": _("Change between periods"),
}
# One part of the page at a time (as on Justice): lighter on a phone, and each part has its own link.
view = params.view(VIEWS)

# Filters: the URL holds ids ("all", "KG-C", "female"); the reader sees names. Only the
# filters that narrow the chosen part are shown; the others keep their value in the link.
FILTERS = {"counts": ("region", "sex", "age"), "support": ("region",), "change": ("region", "sex", "age")}
victim_rows = am.scope(am.victims(assistance), kinds)
local_support = am.local_support(assistance)
# The regions offered are those the chosen part has figures for.
in_view = local_support if view == "support" else victim_rows
region_options = ["all", *sorted(r for r in in_view["region"].drop_nulls().unique().to_list())]
used = FILTERS.get(view, ())
region, sex, age = "all", "all", "all"
if used:
    controls = iter(st.columns(3))
    if "region" in used:
        region = params.select("region", region_options, label=_("Region"),
                        format_func=lambda r: _("All regions") if r == "all" else region_names.get(r, r),
                        container=next(controls))
    if "sex" in used:
        sex = params.select("sex", label=_("Sex"),
                     format_func=lambda s: _("Everyone") if s == "all" else capitalised(term("sex", s)),
                     container=next(controls))
    if "age" in used:
        age = params.select("age", label=_("Age"),
                     format_func=lambda a: _("All ages") if a == "all" else capitalised(term("age_group", a)),
                     container=next(controls))


def narrowed(frame_: pl.DataFrame) -> pl.DataFrame:
    out = frame_
    if region != "all" and "region" in out.columns:
        out = out.filter(pl.col("region") == region)
    if sex != "all" and "sex" in out.columns:
        out = out.filter(pl.col("sex") == sex)
    if age != "all" and "age_group" in out.columns:
        out = out.filter(pl.col("age_group") == age)
    return out


def one_bar_each(frame_: pl.DataFrame, column: str) -> pl.DataFrame:
    """Bar labels made distinct: a label that two rows share gets each row's lines, so
    two figures printed separately never fall onto one bar."""
    repeated = frame_[column].is_duplicated().to_list()
    return frame_.with_columns(pl.Series(column, [
        f"{label} ({line_label(lines)})" if twice else label
        for label, lines, twice in zip(frame_[column], frame_["lines"], repeated)], dtype=pl.String))


def figure_label(row: dict) -> str:
    """'Victims identified from Russia · 2019 · Oasis': what, from where, when, by whom."""
    what = capitalised(term("measure", row["measure"]))
    if row["country"] is not None:
        what = _("{measure} from {country}", measure=what, country=country_names.get(row["country"], row["country"]))
    reporter = reporter_names.get(row["reporter"], row["reporter"])
    return " · ".join(part for part in (what, row["period"], reporter) if part)


def counts_view() -> list[pl.DataFrame]:
    """Victims identified, assisted and returned, as each source prints them."""
    st.header(_("Victims identified, assisted and returned"))
    shown = mask_small(narrowed(victim_rows).with_columns(published=pl.lit(True)))
    if shown.is_empty():
        st.info(_("The sources give no victim figure for this selection."))
    else:
        shown = shown.with_columns(label=pl.Series([figure_label(r) for r in shown.iter_rows(named=True)],
                                                   dtype=pl.String))
        shown = one_bar_each(shown, "label")
        first, last = shown["period_start"].min()[:4], shown["period_end"].max()[:4]
        show(horizontal_bars(shown, "label", _("Victim counts as each source prints them"),
                             _("Kyrgyz Republic, {first}–{last}, persons; each bar is one reporter's own count",
                               first=first, last=last)),
             readable(shown), "victims_counts", ["label", "measure", "shown", "value", "unit", "scope", "country", "sex",
                                                 "age_group", *PROVENANCE], brief=("label", None, "barh"))
        single = shown.filter(pl.col("scope") == _(am.ONE_ORGANISATION))
        if single.height:
            st.caption(ngettext(
                "{n} of these figures is a single organisation's count for its own work, not a national total.",
                "{n} of these figures are a single organisation's count for its own work, not a national total.",
                single.height))
    return [shown]


def gap_view() -> list[pl.DataFrame]:
    """Victims who approached NGOs next to crimes the police registered."""
    st.header(_("The reporting gap"))
    steps = fn.chain({"justice": justice, "assistance": assistance}, "ngo_vs_police_2018_2020")
    show(step_bars(steps, _("Victims who approached NGOs vs crimes the police registered, {first}–{last}",
                            first="2018", last="2020"),
                   _("Kyrgyz Republic, {first}–{last}, persons and crimes as labelled", first="2018", last="2020")),
         readable(steps), "victims_reporting_gap", ["label", "value", "unit", "reporter", "period", "source", "lines"],
         brief=("label", None, "barh"))
    st.caption(" ".join((
        _("What this shows: over the same three years, NGOs saw far more victims than the police registered crimes."),
        _("What it cannot show: how many of the NGOs' victims correspond to registered crimes, since one crime can "
          "involve several victims and one victim may approach several NGOs."),
        _("The two figures come from different reporters (NGOs through the study team; the Interior Ministry)."),
    )))
    return [steps]


def support_view() -> list[pl.DataFrame]:
    """Support by local bodies to victims referred by NGOs."""
    st.header(_("Support from local bodies to victims referred by NGOs"))
    support = local_support
    if region != "all":
        support = support.filter(pl.col("region") == region)
    cases = one_bar_each(am.support_by_region(support).with_columns(
        place=pl.col("organisation").fill_null("") + " ("
        + pl.col("district").fill_null(pl.lit(_("district not given"))) + ")"), "place")
    if cases.height:
        show(horizontal_bars(cases, "place", _("Cases of support by local bodies, by district"),
                             _("Kyrgyz Republic, {first}–{last}, cases (IOM partner NGOs' referrals)",
                               first="2018", last="2019")),
             readable(cases), "victims_local_support", ["place", "district", "region", "organisation", "value", "unit",
                                                        "support_type", "period", "source", "lines", "note"],
             brief=("place", None, "barh"))
    amounts = support.filter(pl.col("measure").is_in(["support_given", "monthly_allowance"]))
    if amounts.height:
        st.subheader(_("What the support was"))
        table_of(amounts.select("organisation", "district", "region", "support_type", "value", "unit",
                                "period", "source", "lines", "note"), "support_amounts")
    return [support]


def networks_view() -> list[pl.DataFrame]:
    """Hotlines, consultations, NGO networks and the 2003 baseline."""
    st.header(_("Hotlines, consultations and NGO networks"))
    other = assistance.filter(pl.col("measure").is_in(am.CONSULTATION_MEASURES + am.NETWORK_MEASURES))
    table_of(other.select("measure", "value", "unit", "period", "reporter", "organisation", "source", "lines", "note"),
             "networks")
    st.subheader(_("The 2003 NGO baseline"))
    # the parts of the printed total (flag breakdown); two parts cover two units together
    together = {"Bishkek and Chuy region": _("Bishkek and Chuy (together)"),
                "Osh city, Osh region": _("Osh city and Osh region (together)")}
    baseline = regional.filter((pl.col("measure") == "ngos_surveyed")
                               & pl.col("flags").fill_null("").str.contains("breakdown")).with_columns(
        place=pl.col("region").replace(region_names).fill_null(pl.col("district").replace_strict(together, default=None)))
    if baseline.height:
        show(horizontal_bars(baseline, "place", _("NGOs surveyed in the 2003 baseline, by region"),
                             _("Kyrgyz Republic, {year}, organisations (questionnaires returned)", year="2003")),
             readable(baseline), "victims_ngo_baseline", ["place", "value", "unit", "period", "source", "lines", "note"])
    shares = assistance.filter(pl.col("measure").str.starts_with("share_ngos_"))
    if shares.height:
        table_of(shares.select("measure", "value", "unit", "period", "source", "lines"), "ngo_shares")
    return [other, baseline, shares]


def change_view() -> list[pl.DataFrame]:
    """Change between periods of each victim series."""
    st.header(_("Change between periods"))
    changes = am.series_changes(narrowed(am.victims(assistance)), ["measure", "unit", "reporter", "organisation",
                                                                      "region", "sex", "age_group", "country"])
    if changes.is_empty():
        st.info(" ".join((
            _("No victim series has figures for two or more periods from the same reporter, so no change can be shown."),
            _("Each figure stands alone."),
        )))
    else:
        shown = changes.with_columns(
            value=pl.Series([not_reported() if v is None else number(v) for v in changes["value"]], dtype=pl.String),
            direction=pl.col("direction").replace(direction_labels()),
        )
        table_of(shown.select("measure", "reporter", "period", "value", "previous", "change", "direction",
                              "comparable", "source", "lines"), "victim_changes", {"change": "signed"})
        st.caption(" ".join((
            _("'Comparable' says no when the two periods differ in length (a year vs half a year): "
              "no change is computed then."),
            _("A year without a figure inside a series has a row of its own, marked not reported."),
        )))
    return [changes]


RENDER = {"counts": counts_view, "gap": gap_view, "support": support_view, "networks": networks_view,
          "change": change_view}
frame.sources(RENDER[view]())
