"""The Justice page's view: the funnel of a year, its change, the trends, where the
sources disagree, where cases drop out, and the figures by article."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from data.citations import short_names
from i18n import _
from metrics import funnel as fn
from metrics.masking import NOT_REPORTED
from metrics.yoy import default_years, years_with_data
from ui import labels

STAGES = fn.FUNNEL_STAGES  # the funnel's stages, in order (ids)
SMALL = 10  # counts under this get no percentage (the counts are printed)
PROVENANCE = ["reporter", "measure", "value", "unit", "period", "source", "lines", "note"]
# Columns of this page's tables and what they hold (ui.labels.labelled).
WORDS = {"stage": "stage", "status": "status", "measure": "measure", "unit": "unit", "offence": "offence",
         "reporter": "reporter_short"}


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """Ids (stage, status, measure, unit, offence, reporter) in the reader's words,
    for tables only: charts and keys keep the ids."""
    return labels.labelled(frame, WORDS)


def series(justice: pl.DataFrame) -> pl.DataFrame:
    """Every single-year headline figure (reporter × stage × year, ids)."""
    return fn.series(justice)


@dataclass(frozen=True)
class Years:
    """The years with figures (ascending) and the default year."""
    years: list[int]
    latest: int | None


def years(series: pl.DataFrame, justice: pl.DataFrame | None = None) -> Years:
    """With `justice`, the default is the latest year whose funnel has the most stages
    reported (metrics.funnel.fullest_year); else the latest year with data."""
    found = years_with_data(series)
    fullest = fn.fullest_year(justice) if justice is not None else None
    return Years(found, fullest if fullest in found else default_years(found)[0])


def reporters(series_: pl.DataFrame) -> list[str]:
    """The reporters with yearly figures (ids, sorted)."""
    return sorted(series_["reporter"].unique().to_list())


def compare_options(years_: list[int], year: int) -> tuple[list[int], int | None]:
    """The years a year can be compared with (newest first) and the default: the
    latest earlier year, else the nearest other year."""
    options = [y for y in reversed(years_) if y != year]
    earlier = [y for y in options if y < year]
    return options, (max(earlier) if earlier else (options[0] if options else None))


def chosen(reporter: str, stage: str) -> tuple[list[str] | None, list[str]]:
    """The reporters (None: all) and stages a filter value ('all' or an id) stands for."""
    return (None if reporter == "all" else [reporter]), (fn.FUNNEL_STAGES if stage == "all" else [stage])


def year_funnel(justice: pl.DataFrame, year: int, reporters: list[str] | None,
                stages: list[str]) -> tuple[pl.DataFrame, int]:
    """The funnel of a year (ids) and how many of its stages are not reported."""
    out = fn.for_year(justice, year, reporters=reporters, stages=stages)
    return out, out.filter(pl.col("status") == NOT_REPORTED).height


def change(justice: pl.DataFrame, year: int, base: int, reporters: list[str] | None,
           stages: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Year over year: (the comparison, ids; the table the reader sees)."""
    rows = fn.yoy(justice, year, base)
    if reporters:
        rows = rows.filter(pl.col("reporter").is_in(reporters))
    rows = rows.filter(pl.col("stage").is_in(stages))
    small = (pl.col("value_then") < SMALL) | (pl.col("value_now") < SMALL)
    shown = labels.labelled(rows, {**WORDS, "reporter": "reporter", "direction": "direction"}).with_columns(
        # a percentage of a handful of cases says more than the counts do: the counts are shown instead
        change_pct=pl.when(small).then(None).otherwise(pl.col("change_pct").round(0)),
        source_then=pl.col("source_then").replace_strict(short_names(), default=None),
        source_now=pl.col("source_now").replace_strict(short_names(), default=None),
    ).select("stage", "reporter", "unit", "value_then", "value_now", "change", "change_pct", "direction",
             "source_then", "lines_then", "source_now", "lines_now")
    return rows, shown


def change_sources(change_: pl.DataFrame) -> list[pl.DataFrame]:
    """The sources of both years of a comparison, as `source` columns (for the footer)."""
    return [change_.select(source=pl.col(column)) for column in ("source_now", "source_then")]


def trend_lines(series: pl.DataFrame, reporters: list[str] | None, stages: list[str]) -> pl.DataFrame:
    """Every yearly figure of the chosen stages and reporters (ids)."""
    lines = series.filter(pl.col("stage").is_in(stages))
    return lines.filter(pl.col("reporter").is_in(reporters)) if reporters else lines


def trend_span(lines: pl.DataFrame, gap: int = 3) -> tuple[int, int]:
    """The years the trend chart's axis spans: the latest run of years with figures, no
    break longer than `gap` years, so a few early figures (2001-2003) do not squeeze a
    decade of them into a corner. Earlier figures stay in the table (the page says so)."""
    years = sorted(set(lines["year"].to_list()))
    first = years[-1]
    for earlier, later in zip(reversed(years[:-1]), reversed(years[1:])):
        if later - earlier > gap:
            break
        first = earlier
    return first, years[-1]


def trend_rows(lines: pl.DataFrame) -> pl.DataFrame:
    """The table under the trends: each figure with its series ('Registered · NSC')."""
    return readable(lines).with_columns(series=pl.col("stage") + " · " + pl.col("reporter")).sort("year")


def disagreements(justice: pl.DataFrame, series: pl.DataFrame, stages: list[str]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(each year and stage with figures from several reporters, with its `sentence`;
    the dots to draw: one per reporter, with `row_label` 'year · stage')."""
    disagree = fn.disagreements(justice).filter(pl.col("stage").is_in(stages))
    disagree = disagree.with_columns(sentence=pl.Series(
        [labels.disagreement_sentence(r) for r in disagree.iter_rows(named=True)], dtype=pl.String))
    points = series.join(disagree.select("year", "stage"), on=["year", "stage"]).filter(
        pl.col("value").is_not_null()
    ).with_columns(row_label=pl.col("year").cast(pl.String) + " · " + pl.col("stage").replace(labels.stages()))
    return disagree, points


@dataclass(frozen=True)
class Chain:
    key: str
    title: str
    steps: pl.DataFrame     # ids and numbers, with `label`: what the chart draws
    rows: pl.DataFrame      # the same in words, for the table
    periods: str
    reporters: str | None   # the bodies in words when the steps come from several


def chains(tables: dict[str, pl.DataFrame]) -> list[Chain]:
    """Every attrition chain the sources set side by side."""
    out = []
    for key in fn.CHAINS:
        steps = chain_steps(tables, key)
        periods = ", ".join(sorted(set(steps["period"].drop_nulls().to_list()))) or _("period not reported")
        who = (", ".join(labels.reporter(r) for r in dict.fromkeys(steps["reporter"].drop_nulls().to_list()))
               if steps["mixed_reporters"][0] else None)
        out.append(Chain(key, labels.chain_title(key), steps, readable(steps), periods, who))
    return out


def chain_steps(tables: dict[str, pl.DataFrame], key: str) -> pl.DataFrame:
    """One chain's steps (metrics.funnel.chain) with each step's `label` in words."""
    steps = fn.chain(tables, key)
    return steps.with_columns(label=pl.col("step_id").replace_strict(
        {s: labels.chain_step(s) for s in steps["step_id"]}, return_dtype=pl.String))


def by_article(justice: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the 2014–2017 figures by article with shares, ids; the same in words)."""
    rows = fn.by_article(justice)
    return rows, readable(rows)


def article_names(rows: pl.DataFrame) -> dict[str, str]:
    """Article -> '124 (CC 1997) — trafficking in persons': the legend and the tooltip name
    the offence, not only its number."""
    return {a: f"{a} — {labels.term('offence', o)}" for a, o in
            rows.select("article", "offence").unique().iter_rows()}


def crosswalk(table: pl.DataFrame) -> pl.DataFrame:
    return labels.localise(table, "concept").select(
        "concept", "article_cc1997", "article_cc2017", "article_cc2021", "source", "lines")


def related(justice: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(figures for related crimes since 2019, ids; the table in words)."""
    rows = fn.related_crimes(justice)
    return rows, readable(rows).select("offence", "measure", "value", "unit", "period", "reporter", "article",
                                       "source", "lines", "note")
