"""What a reader sees of the interface in an AppTest run, and the English message
fragments that must not appear in it on a Russian or Kyrgyz page.

`interface_texts` reads everything a browser would draw as text: element bodies,
widget labels and options (button groups too), chart titles, axis titles, legend
and category labels, and the headers and text cells of tables and dataframes. That
is what lets AppTest, not the browser, carry the Russian/Kyrgyz check for every page
(tests/test_app_languages.py); the browser keeps only what AppTest cannot see (the
navigation menu, plotly's own tick labels), on one page per language."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from babel.messages.pofile import read_po
from google.protobuf.json_format import MessageToDict

from i18n import LOCALE_DIR

# "content": the options of a button group (st.segmented_control, st.pills)
TEXT_KEYS = {"body", "label", "options", "placeholder", "help", "delta", "value", "title", "content"}
TABLE_TYPES = {"arrow_data_frame", "dataframe", "table", "arrow_table"}
PLACEHOLDER = re.compile(r"%?\{[^}]*\}|<[^>]+>|\*\*|[*_`]")


def _walk_dict(value, out: list[str], key: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if k in {"spec", "json", "columns"} and isinstance(v, str):
                try:
                    parsed = json.loads(v)
                except ValueError:
                    continue
                _interface_of_json(k, parsed, out)
            elif k not in {"data", "arrowData", "id", "formId", "key", "customdata"}:
                _walk_dict(v, out, k)
    elif isinstance(value, list):
        for v in value:
            _walk_dict(v, out, key)
    elif isinstance(value, str) and key in TEXT_KEYS:
        out.append(value)


def _interface_of_json(kind: str, parsed, out: list[str]) -> None:
    """From a plotly spec: titles, annotations, trace names and texts (not customdata);
    from dataframe column config: the headers."""
    if kind == "spec":
        layout = parsed.get("layout", {})
        meta = layout.get("meta") or {}
        if isinstance(meta, dict):
            out += [str(v) for v in meta.values()]
        out += [a.get("text", "") for a in layout.get("annotations", [])]
        for name, value in layout.items():
            if name.startswith(("xaxis", "yaxis", "legend", "coloraxis")) and isinstance(value, dict):
                out += _titles(value)
                out += [str(t) for t in value.get("ticktext") or []]
        for trace in parsed.get("data", []):
            out.append(str(trace.get("name", "")))
            text = trace.get("text")
            out += [str(t) for t in text] if isinstance(text, list) else [str(text or "")]
            out.append(str(trace.get("hovertemplate", "")))
            # category labels (drawn as tick labels or slice labels); numbers arrive as
            # typed arrays or numbers and are left to the separators check
            for axis in ("x", "y", "labels"):
                values = trace.get(axis)
                if isinstance(values, list):
                    out += [v for v in values if isinstance(v, str)]
            marker = trace.get("marker")
            out += _titles(marker.get("colorbar") or {}) if isinstance(marker, dict) else []
    elif kind == "columns" and isinstance(parsed, dict):
        out += [str(c.get("label", "")) for c in parsed.values() if isinstance(c, dict)]


def _titles(part: dict) -> list[str]:
    title = part.get("title")
    if isinstance(title, dict):
        return [str(title.get("text") or "")]
    return [str(title)] if isinstance(title, str) else []


def _table_texts(node) -> list[str]:
    """Headers and text cells of st.table / st.dataframe, as the browser shows them: a
    column's label from its column config when it has one, hidden columns (and those
    left out of `column_order`) left out."""
    import pandas as pd

    try:
        frame = node.value
    except Exception:
        return []
    if not isinstance(frame, pd.DataFrame):
        return []
    config: dict = {}
    raw = getattr(getattr(node, "proto", None), "columns", "")
    if isinstance(raw, str) and raw:
        try:
            config = json.loads(raw)
        except ValueError:
            config = {}
    order = list(getattr(getattr(node, "proto", None), "column_order", []) or [])
    out: list[str] = []
    if not isinstance(frame.index, pd.RangeIndex) and not (config.get("_index") or {}).get("hidden"):
        out += [str(v) for v in frame.index if isinstance(v, str)]
    for column in frame.columns:
        name = " ".join(map(str, column)) if isinstance(column, tuple) else str(column)
        settings = config.get(name) or {}
        if settings.get("hidden") or (order and name not in order):
            continue
        if not settings.get("label"):
            out.append(name)
        out += [v for v in frame[column].tolist() if isinstance(v, str)]
    return out


def interface_texts(at) -> list[str]:
    """Every interface string of the run: element bodies, widget labels and options,
    chart titles, axis, legend and category labels, table headers and text cells."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") not in {"dataframe_data"}:
            try:
                _walk_dict(MessageToDict(proto), out)
            except Exception:
                pass
        if getattr(node, "type", "") in TABLE_TYPES:
            out.extend(_table_texts(node))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return [t for t in out if t]


def chart_layouts(at) -> list[dict]:
    """The plotly layout of every chart of the run (plotly.js formats the axis numbers
    from its `separators`)."""
    layouts = []
    for chart in at.get("plotly_chart"):
        spec = getattr(getattr(chart, "proto", None), "spec", "")
        if spec:
            layouts.append(json.loads(spec).get("layout", {}))
    return layouts


@lru_cache(maxsize=None)
def english_whole(lang: str) -> frozenset[str]:
    """Whole English messages (short labels such as 'Year') whose translation differs."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    return frozenset(m.id for m in catalogue if isinstance(m.id, str) and m.id and m.string != m.id
                     and re.search("[A-Za-z]{3}", m.id) and "{" not in m.id)


@lru_cache(maxsize=None)
def english_fragments(lang: str) -> tuple[str, ...]:
    """Pieces of English message ids (between placeholders and markup) long enough to be
    unambiguous, for the messages whose translation differs from the English."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    pieces: set[str] = set()
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        for msgid in ids:
            if msgid in strings:
                continue  # the same in both languages (an acronym, a symbol)
            for piece in PLACEHOLDER.split(msgid):
                piece = piece.strip(" .,:;()—-–·")
                if len(piece) >= 10 and " " in piece and re.search("[A-Za-z]{3}", piece):
                    pieces.add(piece)
    return tuple(sorted(pieces, key=len, reverse=True))


@lru_cache(maxsize=None)
def as_published() -> tuple[str, ...]:
    """Text shown as it stands in the data, in English, never translated: source titles
    and publishers (shown as published), and free-text notes of the datasets that keep
    no `note_ru`/`note_ky` beside them (data/README.md: English only)."""
    import csv

    from tests.conftest import ROOT

    with (ROOT / "data" / "sources.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    kept = {r[c] for r in rows for c in ("title", "publisher") if r[c]}
    for path in sorted((ROOT / "data").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if "note" not in (reader.fieldnames or []) or "note_ru" in (reader.fieldnames or []):
                continue
            kept |= {r["note"].strip() for r in reader if len((r["note"] or "").strip()) >= 10}
    return tuple(sorted(kept, key=len, reverse=True))


def without_published(text: str) -> str:
    for title in as_published():
        text = text.replace(title, "")
    return text


def english_left(at, lang: str) -> list[tuple[str, str]]:
    """(fragment, text) pairs where an English interface fragment shows on the page
    (source titles, publishers and untranslated data notes, shown as they stand, are left out)."""
    found = []
    whole = english_whole(lang)
    for text in map(without_published, interface_texts(at)):
        if text.strip() in whole:
            found.append((text.strip(), text[:120]))
            continue
        for piece in english_fragments(lang):
            if piece in text:
                found.append((piece, text[:120]))
                break
    return found
