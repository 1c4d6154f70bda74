"""Tables in the reader's language: column ids stay in the data (and in CSV
downloads), the headers the reader sees are translated."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl
import streamlit as st

from i18n import N_, _
from data.load import AS_OF
from i18n.numbers import number, percent, signed

# Column id -> header, for the columns that recur across the datasets.
HEADERS: dict[str, str] = {
    "reporter": N_("Reporter"), "measure": N_("Measure"), "value": N_("Value"), "unit": N_("Unit"),
    "period": N_("Period"), "year": N_("Year"), "source": N_("Source"), "lines": N_("Lines"),
    "note": N_("Note"), "region": N_("Region"), "district": N_("District"), "country": N_("Country"),
    "organisation": N_("Organisation"), "status": N_("Status"), "stage": N_("Stage"), "theme": N_("Theme"),
    "topic": N_("Topic"), "sex": N_("Sex"), "age_group": N_("Age group"), "exploitation": N_("Form of exploitation"),
    "support_type": N_("Type of support"), "role": N_("Role"), "article": N_("Article"), "offence": N_("Offence"),
    "date": N_("Date"), "title": N_("Title"), "summary": N_("Summary"), "addressee": N_("Addressed to"),
    "status_date": N_("Status as of"), "report_number": N_("No. in report"), "publisher": N_("Publisher"),
    "year_published": N_("Published"), "period_covered": N_("Period covered"), "file": N_("File"),
    "change": N_("Change"), "change_pct": N_("Change, %"), "direction": N_("Direction"), "share": N_("Share"),
    "label": N_("Figure"), "step": N_("Step"), "shown": N_("As printed"), "series": N_("Series"), "row_label": N_("Year and stage"),
    "place": N_("Place"), "event": N_("Event"), "document": N_("Document"), "gap": N_("Gap"),
    "page": N_("Page"), "dataset": N_("Dataset"), "row": N_("Row"), "column": N_("Column"),
    "problem": N_("Problem"), "body": N_("Body"), "level": N_("Level"), "established_date": N_("Established"),
    "established_by": N_("Established by"), "chair": N_("Chair"), "members": N_("Members"),
    "plans_adopted": N_("Plans adopted"), "government_response": N_("Government response"),
    "concept": N_("Concept"), "article_cc1997": N_("Criminal Code 1997"), "article_cc2017": N_("Criminal Code 2017"),
    "article_cc2021": N_("Criminal Code 2021"), "description": N_("Description"), "language": N_("Language"),
    "licence": N_("Licence"), "figures": N_("Figures"), "rows": N_("Rows"), "report": N_("Report"),
    "first_year": N_("First year"), "last_year": N_("Last year"), "first_date": N_("First date"),
    "source_label": N_("Source"), "name": N_("Name"), "scope": N_("Scope"), "audience": N_("Audience"),
    "organiser": N_("Organiser"), "value_then": N_("Then"), "value_now": N_("Now"),
    "source_then": N_("Source (then)"), "lines_then": N_("Lines (then)"), "source_now": N_("Source (now)"),
    "lines_now": N_("Lines (now)"), "status_label": N_("Status"), "count": N_("Count"), "total": N_("Total"),
    "persons": N_("Persons"), "cases": N_("Cases"), "amount": N_("Amount"), "kind": N_("Kind"),
    "bodies": N_("Bodies"), "datasets": N_("Datasets"), "date_precision": N_("Date precision"),
    "mentions": N_("Mentions"), "problems": N_("Problems"), "reporters": N_("Reporters"),
    "source_ids": N_("Sources"), "sources": N_("Sources"), "values": N_("Values"),
    "comparable": N_("Comparable"), "previous": N_("Previous"),
}


def direction_labels() -> dict[str, str]:
    """The words (with an arrow) for the directions of `metrics.yoy`, in the reader's language."""
    from metrics.yoy import DIRECTION_DOWN, DIRECTION_GAP, DIRECTION_SAME, DIRECTION_UP

    return {DIRECTION_UP: _("▲ up"), DIRECTION_DOWN: _("▼ down"), DIRECTION_SAME: _("= no change"),
            DIRECTION_GAP: _("— not comparable")}


def header(column: str) -> str:
    """The translated header of a column id (the id itself, spaced, when not listed)."""
    label = HEADERS.get(column)
    return _(label) if label else column.replace("_", " ")


def column_config(columns: Iterable[str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`st.dataframe(column_config=...)` with a translated header for every column.

    `overrides` gives a column its own header or a `st.column_config` object."""
    config: dict[str, Any] = {c: header(c) for c in columns}
    config.update(overrides or {})
    return config


def period_text(period: str) -> str:
    """A readable period in the reader's language: the loader labels a cumulative figure
    "as of <date>" (data/load.py AS_OF); everything else is already language-neutral."""
    if period and period.startswith(AS_OF):
        return _("as of {date}", date=period[len(AS_OF):])
    return period


SMALL = 30  # rows: up to this many, a table is drawn as a plain table


def table(frame: pl.DataFrame, key: str, overrides: Mapping[str, str] | None = None,
          formats: Mapping[str, str] | None = None) -> None:
    """A table the reader sees, with translated headers.

    Small tables (most on this dashboard) are plain tables: their text is part of
    the page (printable, read aloud, translatable), numbers are formatted for the
    language, and no data-grid code has to load before the page's first chart.
    Larger ones keep the scrollable, sortable grid. `formats` maps a column to
    "signed" (+3 / −2) or "percent" (+12 %); other numbers are formatted plainly; true/false reads yes/no;
    an empty cell stays empty (a gap, never a zero)."""
    headers = {c: header(c) for c in frame.columns}
    headers.update({c: str(v) for c, v in (overrides or {}).items() if isinstance(v, str)})
    if frame.height > SMALL:
        st.dataframe(frame, hide_index=True, width="stretch", key=key,
                     column_config=column_config(frame.columns, overrides))
        return
    kinds = formats or {}
    out = {}
    for column in frame.columns:
        values = frame[column].to_list()
        if frame[column].dtype.is_numeric():
            kind = kinds.get(column)
            fmt = {"signed": signed, "percent": lambda v: percent(v, sign=True)}.get(kind, number)
            values = ["" if v is None else fmt(v) for v in values]
        elif frame[column].dtype == pl.Boolean:
            values = ["" if v is None else (_("yes") if v else _("no")) for v in values]
        else:
            values = ["" if v is None else str(v) for v in values]
            if column == "period":
                values = [period_text(v) for v in values]
        out[headers[column]] = values
    if out:
        st.table(pl.DataFrame(out, schema={h: pl.String for h in out}), hide_index=True)
