"""The brief as a link value: each chart is (chart name, page, the page's link
parameters, an optional title of the reader's), never its data. `encode`/`decode` turn
the list into one `?charts=` value: base64url of compact JSON, so any title survives the
address bar. Drawing the charts again from these is ui.briefs.rebuild."""
from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

MAX_CHARTS = 20  # a brief longer than this is not a brief; it also bounds what a link can ask for


@dataclass(frozen=True)
class Entry:
    """One chart of the brief, as the link holds it."""

    name: str  # the chart's name (its key on the page, e.g. justice_funnel_2018)
    page: str  # the page id it was added on (ui/pages.py)
    params: Mapping[str, str] = field(default_factory=dict)  # the page's link parameters (filters)
    title: str = ""  # the reader's own title; "" = the chart's title

    def as_list(self) -> list:
        out: list = [self.name, self.page, dict(self.params)]
        if self.title:
            out.append(self.title)
        return out


def encode(entries: list[Entry]) -> str:
    """The `?charts=` value for these entries ('' when none)."""
    if not entries:
        return ""
    raw = json.dumps([e.as_list() for e in entries], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")


def decode(value: str | None) -> list[Entry] | None:
    """The entries of a `?charts=` value; None when it is not one (a broken or forged link)."""
    if not value:
        return []
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        items = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    if not isinstance(items, list) or len(items) > MAX_CHARTS:
        return None
    out = []
    for item in items:
        if not (isinstance(item, list) and 3 <= len(item) <= 4 and isinstance(item[0], str)
                and isinstance(item[1], str) and isinstance(item[2], dict)
                and all(isinstance(k, str) and isinstance(v, str) for k, v in item[2].items())
                and (len(item) == 3 or isinstance(item[3], str))):
            return None
        out.append(Entry(item[0], item[1], dict(item[2]), item[3][:120] if len(item) == 4 else ""))
    return out
