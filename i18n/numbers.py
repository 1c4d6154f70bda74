"""Numbers, percentages and dates in the current language, formatted with Babel.

English: 12,345.5 and 12%; Russian and Kyrgyz: 12 345,5 and 12 % / 12% (a
no-break space groups thousands, a comma marks decimals). Years are never
grouped: pass them as text.
"""
from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from i18n.context import current

MINUS = "\u2212"


@lru_cache(maxsize=None)
def _symbols(lang: str) -> tuple[str, str]:
    return get_decimal_symbol(lang), get_group_symbol(lang)


def number(value: float | int | None, digits: int = 2) -> str:
    """A figure as printed: integers without decimals, others with at most `digits`.

    Whole numbers (nearly every figure) take a fast path with the language's
    symbols from Babel; fractions go through Babel's formatter."""
    if value is None:
        return ""
    value = float(value)
    if value.is_integer():
        decimal, group = _symbols(current())
        return f"{int(value):,}".replace(",", group)
    return format_decimal(value, format="#,##0." + "#" * digits, locale=current())


def signed(value: float | int | None, digits: int = 2) -> str:
    """A change with its sign: +3, −2, 0."""
    if value is None:
        return ""
    text = number(abs(value), digits)
    return ("+" if value > 0 else MINUS if value < 0 else "") + text


def percent(value: float | int | None, digits: int = 0, sign: bool = False) -> str:
    """A percentage given in percent units (12.5 -> '12.5%' / '12,5 %')."""
    if value is None:
        return ""
    text = signed(round(value, digits), digits) if sign else number(round(value, digits), digits)
    spacing = "\u00a0" if current() == "ru" else ""
    return f"{text}{spacing}%"


def date(value: dt.date | str | None, precision: str = "day") -> str:
    """A date at the precision the source gives: day ('19 Sept 2019'), month or year."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return format_date(value, format="LLLL y", locale=current())
    return format_date(value, format="d MMMM y", locale=current())


def plotly_separators() -> str:
    """Plotly's `separators` layout value for the current language (decimal, then group)."""
    decimal, group = _symbols(current())
    return decimal + group
