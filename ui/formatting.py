"""Formatting helpers shared by figures, tables and pages: a figure with its unit, a
line reference, a file name from a title. In the reader's language."""
from __future__ import annotations

import re

from i18n import _, ngettext
from i18n.numbers import number
from ui.labels import not_reported, term


def fmt_value(value: float | None, unit: str | None = None) -> str:
    """A figure as printed, in the reader's language: no more precision than the source,
    the unit with the right plural form, 'not reported' for a gap."""
    if value is None:
        return not_reported()
    text = number(value)
    whole = float(value).is_integer()
    n = int(value) if whole else 5  # a fraction takes the genitive plural in Russian ("2,5 дела" aside)
    if unit == "percent":
        return _("{value}%", value=text)
    if unit == "persons":
        return ngettext("{value} person", "{value} persons", n, value=text)
    if unit == "cases":
        return ngettext("{value} case", "{value} cases", n, value=text)
    if unit == "victims":
        return ngettext("{value} victim", "{value} victims", n, value=text)
    if unit == "crimes":
        return ngettext("{value} crime", "{value} crimes", n, value=text)
    if unit == "sources":  # how many of the five documents name something (Migration's ranking)
        return ngettext("{value} source", "{value} sources", n, value=text)
    return f"{text} {term('unit', unit)}" if unit else text


def line_label(lines: str) -> str:
    """'line 139' or 'lines 247-251'."""
    return _("lines {lines}", lines=lines) if "-" in str(lines) else _("line {lines}", lines=lines)


def file_stem(title: str, fallback: str) -> str:
    """A download file name from a chart's (translated) title: letters, digits and dashes."""
    stem = re.sub(r"[^\w]+", "-", title, flags=re.UNICODE).strip("-").lower()
    return stem[:80].rstrip("-") or fallback
