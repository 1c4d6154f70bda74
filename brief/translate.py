"""Carry a collected chart's words into the language of the deck.

A chart is collected with the words of the page it was drawn on (its title, subtitle,
category and series labels), in the reader's language at that moment. The deck may be
downloaded in another language, so each text is traced back to what it was made of:

- a message of the interface catalogue, with its `{values}` (themselves traced back),
  e.g. 'Дела о торговле людьми ..., 2018 г.' -> 'Trafficking cases ..., 2018';
- a name from the data (reporter, region, country, source, in full or short) or a data
  term of a vocabulary (status, unit, ...);
- labels joined with ' · ' (e.g. '2018 · Registered'), part by part.

A text that cannot be traced stays as it was collected (never guessed). The Brief page
draws every chart of a brief again from its link, in the deck's language, so there this
finds nothing left to carry; it is for a chart spec that arrives already drawn in another
language (brief.deck.build_brief called with specs of another language, as tests do).
"""
from __future__ import annotations

import re
from functools import lru_cache

from data.load import data_version, reference
from data.metadata import labels as _terms
from i18n import LANGUAGES, catalogue

NAMED = (("reporters", "name"), ("reporters", "short"), ("regions", "name"), ("regions", "short"),
         ("countries", "name"), ("countries", "short"))
JOIN = " · "
FIELD = re.compile(r"\{(\w+)\}")


def _message_ids() -> list[str]:
    ids: dict[str, None] = {}
    for lang in LANGUAGES:
        for key in getattr(catalogue(lang), "_catalog", {}):
            if isinstance(key, str) and key:
                ids[key] = None
    return list(ids)


def _names(table: str, base: str, lang: str) -> dict[str, str]:
    """id -> name (`base`: name or short) in `lang`, English where `lang` has none, from the
    reference table in use (the brief room sits below ui.labels, so it reads the table itself)."""
    return _names_of(table, base, lang, data_version())


@lru_cache(maxsize=64)
def _names_of(table: str, base: str, lang: str, version: tuple) -> dict[str, str]:
    frame = reference(table)
    ids = frame[frame.columns[0]].to_list()
    english = frame[f"{base}_en"].to_list() if f"{base}_en" in frame.columns else [None] * len(ids)
    local = frame[f"{base}_{lang}"].to_list() if f"{base}_{lang}" in frame.columns else english
    return {k: (loc or eng or k) for k, loc, eng in zip(ids, local, english)}


def _name_tables() -> list[tuple[str, str]]:
    out = []
    for table, base in NAMED:
        try:
            columns = reference(table).columns
        except Exception:  # a reference table without that kind of name
            continue
        if f"{base}_en" in columns:
            out.append((table, base))
    return out


@lru_cache(maxsize=None)
def _exact(src: str) -> dict[str, tuple[str, ...]]:
    """Text in `src` -> how it was made: ('msg', msgid) | ('name', table, base, id) | ('term', vocabulary, term)."""
    out: dict[str, tuple[str, ...]] = {}
    for (vocabulary, key), label in _terms(src).items():
        out.setdefault(label, ("term", vocabulary, key))
    for table, base in _name_tables():
        for key, label in _names(table, base, src).items():
            out.setdefault(label, ("name", table, base, key))
    translations = catalogue(src)
    for msgid in _message_ids():
        if "{" not in msgid:
            out[translations.gettext(msgid)] = ("msg", msgid)  # interface words win over data names
    return out


@lru_cache(maxsize=None)
def _templates(src: str) -> list[tuple[re.Pattern[str], str]]:
    """Messages with `{values}`, as patterns over their `src` translation, the most specific first."""
    translations = catalogue(src)
    out = []
    for msgid in _message_ids():
        text = translations.gettext(msgid)
        names = FIELD.findall(text)
        if not names or "{" in FIELD.sub("", text) or "}" in FIELD.sub("", text) or len(set(names)) != len(names):
            continue
        pattern, last = "", 0
        for match in FIELD.finditer(text):
            pattern += re.escape(text[last:match.start()]) + f"(?P<{match.group(1)}>.+?)"
            last = match.end()
        pattern += re.escape(text[last:])
        out.append((re.compile(pattern + r"\Z", re.S), msgid, len(FIELD.sub("", text))))
    out.sort(key=lambda item: -item[2])
    return [(p, m) for p, m, _n in out]


def _render(made: tuple[str, ...], dst: str) -> str | None:
    if made[0] == "msg":
        return catalogue(dst).gettext(made[1])
    if made[0] == "name":
        return _names(made[1], made[2], dst).get(made[3])
    return _terms(dst).get((made[1], made[2]))


def _word(text: str, src: str, dst: str) -> str:
    made = _exact(src).get(text)
    rendered = _render(made, dst) if made else None
    return rendered or text


def retranslate(text: str, src: str, dst: str) -> str:
    """`text`, written in `src`, in `dst` (as it was when it cannot be traced back)."""
    if not text or src == dst or src not in LANGUAGES or dst not in LANGUAGES:
        return text
    if text in _exact(src):
        return _word(text, src, dst)
    for pattern, msgid in _templates(src):
        match = pattern.match(text)
        if match:
            values = {k: retranslate(v, src, dst) for k, v in match.groupdict().items()}
            try:
                return catalogue(dst).gettext(msgid).format(**values)
            except (KeyError, IndexError, ValueError):
                break
    if JOIN in text:
        return JOIN.join(retranslate(part, src, dst) for part in text.split(JOIN))
    return text
