"""What a reader sees of the interface in an AppTest run, and the English message
fragments that must not appear in it on a Russian or Kyrgyz page."""
from __future__ import annotations

import json
import re
from functools import lru_cache

from babel.messages.pofile import read_po
from google.protobuf.json_format import MessageToDict

from i18n import LOCALE_DIR

TEXT_KEYS = {"body", "label", "options", "placeholder", "help", "delta", "value", "title"}
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
        for trace in parsed.get("data", []):
            out.append(str(trace.get("name", "")))
            text = trace.get("text")
            out += [str(t) for t in text] if isinstance(text, list) else [str(text or "")]
            out.append(str(trace.get("hovertemplate", "")))
    elif kind == "columns" and isinstance(parsed, dict):
        out += [str(c.get("label", "")) for c in parsed.values() if isinstance(c, dict)]


def interface_texts(at) -> list[str]:
    """Every interface string of the run: element bodies, widget labels and options,
    chart titles and labels, table headers."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", "") not in {"dataframe_data"}:
            try:
                _walk_dict(MessageToDict(proto), out)
            except Exception:
                pass
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return [t for t in out if t]


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
    """Source titles and publishers: shown as published (in English), never translated."""
    import csv

    from tests.conftest import ROOT

    with (ROOT / "data" / "sources.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(sorted({r[c] for r in rows for c in ("title", "publisher") if r[c]}, key=len, reverse=True))


def without_published(text: str) -> str:
    for title in as_published():
        text = text.replace(title, "")
    return text


def english_left(at, lang: str) -> list[tuple[str, str]]:
    """(fragment, text) pairs where an English interface fragment shows on the page
    (source titles and publishers, shown as published, are left out)."""
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
