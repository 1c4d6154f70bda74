"""Show me where it says that: the source passage of a figure, one click from any chart
point or table row (a dialog), and on the Sources page at `?cite=<row id>`.

The passage is the document's own text, read at run time (data.passage). It is never
rendered as HTML, and as Markdown only with every punctuation character escaped: the
figure's number is set in bold by us, nothing in the text can format the page.
"""
from __future__ import annotations

import re

import streamlit as st

from data.citations import document as source_document
from data.passage import Passage, lookup, passage
from i18n import _, current
from ui import labels, params
from ui.pages import link
from ui.formatting import fmt_value, line_label

OPEN = "_cite_open"  # session key: the row id whose passage opens in a dialog on this run
PARAM = "cite"  # registered in ui/params.py
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character


def escaped(text: str) -> str:
    """`text` as Markdown that shows exactly these characters (no emphasis, link, HTML,
    LaTeX, emoji shortcode or colour directive can come out of it)."""
    return _PUNCTUATION.sub(r"\\\1", text).replace("\t", " ")


def highlighted(line: str, marks: tuple[tuple[int, int], ...]) -> str:
    """One line of the passage as safe Markdown with the figure's number in bold."""
    out, last = [], 0
    for start, end in marks:
        out.append(escaped(line[last:start]))
        out.append(f"**{escaped(line[start:end])}**")
        last = end
    out.append(escaped(line[last:]))
    return "".join(out)


def figure_words(found: Passage) -> str:
    row = found.row
    parts = [fmt_value(row.get("value"), row.get("unit")) if row.get("value") is not None else _("not reported")]
    if row.get("measure"):
        parts.append(labels.term("measure", row["measure"]))
    if row.get("period"):
        parts.append(str(row["period"]))
    if row.get("reporter"):
        parts.append(_("reporter: {reporter}", reporter=labels.reporter(row["reporter"], short=True)))
    return " · ".join(parts)


def show_passage(row_id: str) -> bool:
    """Draw the figure, its document's full title, the cited lines with the number in bold
    (or a note that the document is not on this server). False when no figure has that id."""
    found = passage(row_id)
    if found is None:
        return False
    st.markdown(f"**{escaped(figure_words(found))}**")
    # The title and publisher in the reader's language (our translation), the title as
    # published under it when they differ: it is what the document is found by.
    doc = source_document(found.row["source"])
    document = doc.get("title") or found.title or labels.source(found.row["source"])
    by = ", ".join(str(p) for p in (doc.get("publisher") or found.publisher, found.year) if p)
    st.markdown(escaped(document) + (f" \\({escaped(by)}\\)" if by else ""))
    if found.title and found.title != document:
        st.caption(_("Title as published: {title}", title=escaped(found.title)))
    st.caption(line_label(f"{found.first}-{found.last}" if found.last != found.first else str(found.first)))
    if found.lines is None:
        st.info(_("The source document is not on this server, so the passage cannot be shown here; "
                  "the citation above says where to find it."), icon=":material/info:")
        return True
    with st.container(border=True, key=f"passage_{row_id}"):
        for number, (line, marks) in enumerate(zip(found.lines, found.marks), start=found.first):
            if line.strip():
                st.markdown(f"`{number}` " + highlighted(line, marks))
    if not any(found.marks):
        st.caption(_("The number is not printed as digits in these lines (it may be written in words or "
                     "computed from them)."))
    return True


def _body(row_id: str) -> None:
    if not show_passage(row_id):
        st.info(_("This figure is no longer in the data."))
        return
    link("sources", _("Open this citation on the Sources page"), query={PARAM: row_id, "lang": current()})


def at_link() -> None:
    """On the Sources page: the passage of the figure the link names (`?cite=<row id>`)."""
    row_id = params.value(PARAM)
    if not row_id:
        return
    with st.container(border=True, key="cited"):
        st.subheader(_("Where the source says it"))
        if not show_passage(row_id):
            params.refuse(PARAM)


def open_passage(row_id: str | None) -> None:
    """Open the dialog with the passage of `row_id` on this run (its title in the reader's language)."""
    if row_id:
        st.dialog(_("Where the source says it"), width="large", icon=":material/format_quote:")(_body)(row_id)


def ask(row_id: str | None) -> None:
    """A callback's request to open a passage on the next run of the page script."""
    if row_id:
        st.session_state[OPEN] = row_id


def pending() -> None:
    """Open the passage a click asked for (once)."""
    open_passage(st.session_state.pop(OPEN, None))


Ref = tuple  # (row id or None, source, lines, value): what a table row or chart point knows of its figure


def resolve(ref: Ref, more_values: tuple = ()) -> str | None:
    """The data row id of a figure: its own, or the row citing the same source and lines with that value."""
    row_id, source, lines, value = ref
    return row_id or lookup(source, lines, (value, *more_values))


def refs(frame) -> list[Ref]:
    """Each row's reference, for a table whose rows may open their passage ([] without sources)."""
    if "source" not in frame.columns or "lines" not in frame.columns:
        return []
    pick = [frame[c].to_list() if c in frame.columns else [None] * frame.height for c in ("id", "source", "lines",
                                                                                          "value")]
    return list(zip(*pick))


def from_table(key: str, rows_refs: list[Ref]) -> None:
    """Callback of a table with row selection: the selected row's passage."""
    state = st.session_state.get(key)
    rows = state.selection.rows if state is not None else []
    if rows and 0 <= rows[0] < len(rows_refs):
        ask(resolve(rows_refs[rows[0]]))


def from_chart(key: str) -> None:
    """Callback of a chart with point selection: the clicked point's passage (its lines are item
    3 of the point's customdata, its row id item 5 when the chart's data has one and its source
    id item 6: ui.figures.hover_provenance; its number is x or y)."""
    state = st.session_state.get(key)
    points = state.selection.points if state is not None else []
    for point in points:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, list) and len(data) >= 4:
            row_id = data[5] if len(data) >= 6 and isinstance(data[5], str) and data[5] else None
            source = data[6] if len(data) >= 7 and data[6] else data[2]
            found = resolve((row_id, source, data[3], point.get("x")), (point.get("y"),))
            if found:
                ask(found)
                return


def button(key: str, source: str | None, lines: str | None, value: float | None, container=st) -> None:
    """'Where the source says it' under a card: one click opens the figure's passage."""
    row_id = lookup(source, lines, (value,))
    if row_id:
        container.button(_("Where the source says it"), key=key, icon=":material/format_quote:", type="tertiary",
                         on_click=ask, args=(row_id,))
