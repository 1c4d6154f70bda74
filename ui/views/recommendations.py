"""The Recommendations page's view: the filtered list, the status charts and the
issues raised again and again, ready to draw."""
from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from data.load import reference
from i18n import _, ngettext
from metrics.recommendations import formal, recurring, restated_numbers, status_counts, with_report_year
from ui import labels
from ui.pages import PAGES

FILTERS = ("source", "status", "theme", "topic")


def page_titles() -> dict[str, str]:
    """Page id -> the page's title in the reader's language (ui/pages.py)."""
    return {p.id: _(p.title) for p in PAGES}


def recommendations(table: pl.DataFrame) -> pl.DataFrame:
    """Every row of recommendations with the year its report was published and, for a
    restatement, the number of the formal recommendation it repeats (`restates`)."""
    return restated_numbers(with_report_year(table, reference("sources")))


def counted(every_row: pl.DataFrame, all_rows: bool) -> pl.DataFrame:
    """The rows the page counts: every row, or (the default) the formal recommendations."""
    return every_row if all_rows else formal(every_row)


def reports(recs: pl.DataFrame) -> list[str]:
    return sorted(recs["source"].unique().to_list())


def themes(recs: pl.DataFrame) -> list[str]:
    """Theme ids, in the alphabetical order of their names in the reader's language."""
    return sorted(recs["theme"].unique().to_list(), key=lambda t: labels.term("theme", t).lower())


def topics(recs: pl.DataFrame) -> list[str]:
    return sorted(recs["topic"].drop_nulls().unique().to_list(), key=lambda t: labels.term("topic", t).lower())


def chosen(recs: pl.DataFrame, picked: Mapping[str, str]) -> pl.DataFrame:
    """The recommendations matching every filter ({column: id or 'all'})."""
    out = recs
    for column in FILTERS:
        value = picked.get(column, "all")
        if value != "all":
            out = out.filter(pl.col(column) == value)
    return out


def table_rows(shown: pl.DataFrame, all_rows: bool = False) -> pl.DataFrame:
    """The list of recommendations in words (with each row's kind and what it restates
    when every row is shown)."""
    rows = labels.labelled(labels.localise(shown, "summary", "addressee", "government_response"),
                           {"theme": "theme", "topic": "topic", "kind": "recommendation_kind"})
    rows = rows.with_columns(
        report=pl.col("source").replace(labels.sources()), status=pl.col("status").replace(labels.statuses()),
        page=pl.col("page").replace(page_titles()),
        # a report that numbers nothing: its recommendations counted in order, `n4` -> '(4)'
        report_number=pl.col("report_number").str.replace(r"^n(\d+)$", "($1)"),
    )
    if "restates" in rows.columns and rows["restates"].dtype == pl.String:
        rows = rows.with_columns(restates=pl.col("restates").str.replace_all(r"\bn(\d+)\b", "($1)"))
    return rows.select("report", "report_number", "summary", "addressee", "theme", "topic", "status", "status_date",
             "government_response", "page", "source", "lines", *(("kind", "restates") if all_rows else ()))


def by_report(shown: pl.DataFrame) -> pl.DataFrame:
    """How many recommendations of each status, per report (status and report in words)."""
    return status_counts(shown, "source").with_columns(
        source_label=pl.col("source").replace(labels.sources()), status=pl.col("status").replace(labels.statuses()),
        lines=pl.lit(""), unit=pl.lit("recommendations"))


def by_theme(shown: pl.DataFrame) -> pl.DataFrame:
    """How many recommendations of each status, per theme (in words)."""
    return labels.labelled(status_counts(shown, "theme"), {"theme": "theme"}).with_columns(
        status=pl.col("status").replace(labels.statuses()),
        lines=pl.lit(""), unit=pl.lit("recommendations"), source=pl.lit(_("all reports")))


def raised_again(recs: pl.DataFrame) -> list[tuple[str, str | None]]:
    """Each issue raised in more than one report, in one line, and the id of the page with
    its data (None when it names no page)."""
    out, titles = [], page_titles()
    for row in recurring(recs).iter_rows(named=True):
        values = {
            "topic": labels.capitalised(labels.term("topic", row["topic"])),
            # TRANSLATORS: a count of recommendations, inserted as {recommendations} in the sentences below.
            "recommendations": ngettext("{n} recommendation", "{n} recommendations", row["recommendations"]),
            "statuses": ", ".join(labels.status(s) for s in row["statuses"].split(", ")),
        }
        if row["first_year"] and row["last_year"] and row["first_year"] != row["last_year"]:
            line = ngettext(
                "**{topic}**: {recommendations} in {n} report from {first} to {last} — statuses: {statuses}",
                "**{topic}**: {recommendations} in {n} reports from {first} to {last} — statuses: {statuses}",
                row["reports"], first=str(row["first_year"]), last=str(row["last_year"]), **values)
        else:
            line = ngettext("**{topic}**: {recommendations} in {n} report — statuses: {statuses}",
                            "**{topic}**: {recommendations} in {n} reports — statuses: {statuses}",
                            row["reports"], **values)
        out.append((line, row["page"] if row["page"] in titles else None))
    return out
