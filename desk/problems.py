"""What is wrong with something staff gave the desk: where (sheet, row, column) and why, in
plain words in the staff's language (through i18n)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from i18n import _


@dataclass(frozen=True)
class DeskProblem:
    """One problem. `row` is the workbook's row number as Excel shows it; `column` the
    column's title (and letter) as the staff see it."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.sheet:
            where.append(_("sheet “{sheet}”", sheet=self.sheet))
        if self.row is not None:
            where.append(_("row {row}", row=self.row))
        if self.column:
            where.append(_("column “{column}”", column=self.column))
        return f"{', '.join(where)}: {self.message}" if where else self.message


# The loader's reasons (data/load.py, in English) in the staff's language.
_LOADER = [
    (r"^'(?P<v>.*)' is not one of the allowed values$", lambda m: _("“{value}” is not one of the allowed values",
                                                                     value=m["v"])),
    (r"^'(?P<v>.*)' does not have the expected format$", lambda m: _("“{value}” does not have the expected format",
                                                                     value=m["v"])),
    (r"^'(?P<v>.*)' is not a valid \w+$", lambda m: _("“{value}” is not a number", value=m["v"])),
    (r"^'(?P<v>.*)' is negative$", lambda m: _("“{value}” is negative", value=m["v"])),
    (r"^'(?P<v>.*)' is out of range$", lambda m: _("“{value}” is out of range", value=m["v"])),
    (r"^is empty but required$", lambda m: _("this cell must be filled")),
    (r"^duplicate row", lambda m: _("the same figure is already in the data")),
    (r"^a missing value needs a note", lambda m: _("an empty value needs a note saying why")),
    (r"^a percentage above 100$", lambda m: _("a percentage above 100")),
    (r"^needs a year", lambda m: _("give the year, or both the start and the end of the period")),
    (r"^period ends before it starts$", lambda m: _("the period ends before it starts")),
    (r"^line range is reversed$", lambda m: _("the line range is reversed")),
    (r"^a cumulative figure has no start", lambda m: _("a cumulative figure has no year and no start")),
]


def loader_message(message: str) -> str:
    """A reason from data/load.py in the staff's language (unknown ones stay as they are)."""
    for pattern, words in _LOADER:
        match = re.match(pattern, message)
        if match:
            return words(match)
    return message
