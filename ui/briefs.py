"""The brief lives in the link (brief/link.py: chart name, page, the page's link
parameters, the reader's title; never data). `rebuild` draws a chart again from its page
and filters by calling the same view functions (ui/views/*) the page calls, in the
reader's current language, so a brief opened from a link shows today's figures.
tests/test_brief.py checks that a chart added on its page and the same chart rebuilt
from the link are equal.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import polars as pl

from brief.link import Entry
from brief.spec import ChartSpec
from data.load import table
from i18n import _, current
from ui import labels


@dataclass(frozen=True)
class Drawn:
    """What a page passes to ui.display.show for a chart that can go into the brief."""

    title: str
    subtitle: str
    data: pl.DataFrame
    brief: tuple[str, str | None, str]  # (category column, series column or None, kind)


def spec_of(name: str, title: str, subtitle: str, data: pl.DataFrame, brief: tuple[str, str | None, str]) -> ChartSpec:
    """The brief's chart: only the columns the slide needs (category, series, value, unit, source, lines, id)."""
    category, series, kind = brief
    keep = [c for c in dict.fromkeys((category, series, "value", "unit", "source", "lines", "id"))
            if c and c in data.columns]
    return ChartSpec(name=name, title=title, subtitle=subtitle, frame=data.select(keep), category=category,
                     series=series, kind=kind, lang=current())


# ---- the charts, page by page: the same view functions and titles as the pages ----

def _justice(name: str, p: Mapping[str, str]) -> Drawn | None:
    from ui.views import justice as v
    justice = table("justice")
    series = v.series(justice)
    reporter, stage = p.get("reporter", "all"), p.get("stage", "all")
    reporters, stages = v.chosen(reporter, stage)
    if name.startswith("justice_funnel_"):
        year = int(name.rsplit("_", 1)[1])
        funnel, _gaps = v.year_funnel(justice, year, reporters, stages)
        return Drawn(_("Trafficking cases through the justice system, {year}", year=str(year)),
                     _("Kyrgyz Republic, {year}, cases or persons as labelled, by reporter", year=str(year)),
                     v.readable(funnel), ("stage", "reporter", "barh"))
    if name == "justice_stages_by_year":
        lines = v.trend_lines(series, reporters, stages)
        if lines.is_empty():
            return None
        first, last = int(lines["year"].min()), int(lines["year"].max())
        return Drawn(_("Each stage across the years, by reporter"),
                     _("Kyrgyz Republic, {first}–{last}, cases (convictions: persons); gaps are years not "
                       "reported", first=str(first), last=str(last)),
                     v.trend_rows(lines), ("year", "series", "line"))
    if name == "justice_disagreements":
        _disagree, points = v.disagreements(justice, series, stages)
        if points.is_empty():
            return None
        return Drawn(_("The same year, different counts"),
                     _("Kyrgyz Republic, {first}–{last}, one dot per reporter",
                       first=str(int(points["year"].min())), last=str(int(points["year"].max()))),
                     v.readable(points), ("row_label", "reporter", "dots"))
    if name.startswith("justice_chain_"):
        key = name.removeprefix("justice_chain_")
        for chain in v.chains({"justice": justice, "assistance": table("assistance")}):
            if chain.key == key:
                return Drawn(chain.title, _("Kyrgyz Republic, {periods}, cases or persons as labelled",
                                             periods=chain.periods), chain.rows, ("label", None, "barh"))
        return None
    if name == "justice_by_article":
        articles, rows = v.by_article(justice)
        if not articles.height:
            return None
        return Drawn(_("Cases in court by Criminal Code article, 2014–2017"),
                     _("Kyrgyz Republic, 2014–2017, cases (judicial-practice review)"), rows, ("year", "article", "bar"))
    return None


def _victims(name: str, p: Mapping[str, str]) -> Drawn | None:
    from ui.views import victims as v
    assistance = table("assistance")
    region, sex, age = p.get("region", "all"), p.get("sex", "all"), p.get("age", "all")
    if name == "victims_counts":
        shown, _single = v.counts(v.narrowed(v.victim_rows(assistance), region, sex, age))
        if shown.is_empty():
            return None
        first, last = shown["period_start"].min()[:4], shown["period_end"].max()[:4]
        return Drawn(_("Victim counts as each source prints them"),
                     _("Kyrgyz Republic, {first}–{last}, persons; each bar is one reporter's own count",
                       first=first, last=last), v.readable(shown), ("label", None, "barh"))
    if name == "victims_reporting_gap":
        steps = v.reporting_gap(table("justice"), assistance)
        return Drawn(_("Victims who approached NGOs vs crimes the police registered, {first}–{last}",
                       first="2018", last="2020"),
                     _("Kyrgyz Republic, {first}–{last}, persons and crimes as labelled", first="2018", last="2020"),
                     v.readable(steps), ("label", None, "barh"))
    if name == "victims_local_support":
        cases = v.support_cases(v.local_support(assistance, region))
        if not cases.height:
            return None
        return Drawn(_("Cases of support by local bodies, by district"),
                     _("Kyrgyz Republic, {first}–{last}, cases (IOM partner NGOs' referrals)",
                       first="2018", last="2019"), v.readable(cases), ("place", None, "barh"))
    return None


def _recommendations(name: str, p: Mapping[str, str]) -> Drawn | None:
    from ui.views import recommendations as v
    recs = v.counted(v.recommendations(table("recommendations")), p.get("all", "0") == "1")
    shown = v.chosen(recs, {k: p.get(q, "all") for k, q in
                            (("source", "report"), ("status", "status"), ("theme", "theme"), ("topic", "topic"))})
    sub = _("Kyrgyz Republic, reports of {first}–{last}, number of recommendations", first="2005", last="2025")
    if name == "recommendations_by_report":
        return Drawn(_("Status of recommendations, by report"), sub, v.by_report(shown),
                     ("source_label", "status", "bar"))
    if name == "recommendations_by_theme":
        return Drawn(_("Status of recommendations, by theme"), sub, v.by_theme(shown), ("theme", "status", "bar"))
    return None


def _capacity(name: str, p: Mapping[str, str]) -> Drawn | None:
    from ui.views import capacity as v
    capacity = table("capacity")
    if name == "capacity_trained":
        shown = v.trained(capacity)
        if shown.is_empty():
            return None
        return Drawn(_("People trained, as each source prints the count"),
                     v.subtitle(shown, labels.term("unit", "persons")), v.readable(shown), ("label", None, "barh"))
    if name.startswith("capacity_budgets_"):
        unit = name.removeprefix("capacity_budgets_")
        part = v.in_currency(v.budgets(capacity), unit)
        if part.is_empty():
            return None
        return Drawn(_("Budgets in {currency}", currency=labels.term("unit", unit)),
                     v.subtitle(part, labels.term("unit", unit)), v.readable(part), ("label", None, "barh"))
    return None


def _migration(name: str, p: Mapping[str, str]) -> Drawn | None:
    from ui.views import migration as v
    migration = table("migration")
    measure = p.get("measure", "none")
    options = v.measures(migration)
    if measure == "none" or measure not in options.options or name != f"migration_{measure.split('|', 1)[0]}":
        return None
    values = v.values(migration, measure)
    if not values.height:
        return None
    rows = v.chart_rows(values)
    period = measure.split("|", 1)[1]
    return Drawn(options.names[measure], _("Kyrgyz nationals, {period}, {unit}, by country", period=period,
                                           unit=labels.term("unit", rows["unit"][0])), rows, ("place", None, "barh"))


BUILDERS: dict[str, Callable[[str, Mapping[str, str]], Drawn | None]] = {
    "justice": _justice, "victims": _victims, "recommendations": _recommendations,
    "capacity": _capacity, "migration": _migration,
}


def rebuild(entry: Entry) -> ChartSpec | None:
    """The entry's chart drawn again from its page and filters, in the current language;
    None when that page has no such chart (an old or edited link) or it has no figures now."""
    builder = BUILDERS.get(entry.page)
    if builder is None or not entry.name.startswith(entry.page):
        return None
    try:
        drawn = builder(entry.name, entry.params)
    except (ValueError, KeyError, IndexError, pl.exceptions.PolarsError):  # a filter value that no longer exists
        return None
    if drawn is None or drawn.data.is_empty():
        return None
    spec = spec_of(entry.name, drawn.title, drawn.subtitle, drawn.data, drawn.brief)
    return replace(spec, title=entry.title) if entry.title else spec

