"""The template workbook staff fill in, generated from the dataset metadata (data/meta/*.yml).

One sheet per figure dataset, named by its title in the staff's language; row 1 holds the
column titles in that language, row 2 the stable column ids (the import reads row 2), data
from row 3. `source` is not a column: an import names its document. `id` may stay empty for a
new row. Every vocabulary and reference column has a drop-down list (from a hidden `lists`
sheet). An instructions sheet explains the rules and an examples sheet shows rows of the data.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from data import metadata
from data.schemas import reference_ids
from desk.store import read_csv
from i18n import _, using

FIRST_DATA_ROW = 3
TEXT_ROWS = 1000  # rows whose `lines` cells are formatted as text
LISTS = "lists"
SKIP = ("source",)  # given by the import (--source), not typed by staff
LANGS = ("ru", "ky", "en")
DATE_COLUMNS = ("period_start", "period_end")


def figure_datasets() -> tuple[str, ...]:
    """The datasets staff fill in: those holding provenance-checked figures."""
    return tuple(n for n in metadata.dataset_names() if metadata.table(n).figures)


def columns(dataset: str) -> list[str]:
    """The column ids of a dataset's sheet, in order."""
    return [c for c in metadata.table(dataset).columns if c not in SKIP]


def sheet_name(dataset: str, lang: str) -> str:
    """The sheet's name in `lang`: the dataset's title, without the characters Excel refuses."""
    title = metadata.text_in(metadata.table(dataset).title, lang) or dataset
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31].strip()


@lru_cache(maxsize=None)
def sheet_names() -> dict[str, str]:
    """Every name a dataset's sheet may have (its title in any language, or its id) -> dataset."""
    out = {}
    for dataset in figure_datasets():
        out[dataset.lower()] = dataset
        for lang in LANGS:
            out[sheet_name(dataset, lang).lower()] = dataset
    return out


def column_title(dataset: str, column: str, lang: str) -> str:
    col = metadata.table(dataset).columns[column]
    return metadata.text_in(col.title, lang) or column


def allowed(dataset: str, column: str) -> tuple[str, ...] | None:
    """The allowed values of a vocabulary or reference column, else None."""
    col = metadata.table(dataset).columns[column]
    if col.vocabulary:
        return metadata.vocabulary(col.vocabulary)
    if col.reference:
        return reference_ids(col.reference)
    return None


def is_number(dataset: str, column: str) -> bool:
    return metadata.table(dataset).columns[column].type in ("integer", "float")


def is_identifier(dataset: str, column: str) -> bool:
    """Columns holding ids (vocabulary, reference, id patterns): Latin letters only."""
    col = metadata.table(dataset).columns[column]
    return bool(col.vocabulary or col.reference or col.check("pattern") in ("row_id", "flags", "id"))


def _instructions(lang: str, source: str | None) -> list[str]:
    lines = [
        _("How to fill in this workbook"),
        "",
        _("1. Each sheet is one kind of figure. Row 1 is the column title; row 2 is the column's code: "
          "do not change, move or delete rows 1 and 2, the sheets or the columns."),
        _("2. One row per figure printed in the document, from row 3. Copy the number exactly as printed; "
          "leave the value empty (with a note saying why) when the document prints no number."),
        _("3. Lines: the line or range of lines (for example 120-124) of the registered text document "
          "where the number is printed. The import checks the number against those lines."),
        _("4. Numbers without spaces or thousands separators, and with a point for decimals: 1234, 12.5."),
        _("5. Dates as dates (2024-12-31). Codes from the drop-down lists only: they use Latin letters."),
        _("6. No formulas and no merged cells. Leave the row id empty for a new figure."),
        _("7. The workbook holds every figure of one document: a row of that document that is not in the "
          "workbook is removed from the data when the import is published."),
        _("8. The sheet “Examples” shows rows already in the data."),
    ]
    if source:
        lines += ["", _("This workbook holds the figures of document “{source}” in the current release.",
                        source=source)]
    return lines


def build(lang: str = "ru", tables: dict[str, str] | None = None, source: str | None = None) -> bytes:
    """The template workbook as .xlsx bytes. `tables` (the current release's CSVs) provides the
    example rows, and with `source` pre-fills that document's rows for correction."""
    with using(lang):
        return _build(lang, tables or {}, source)


def _build(lang: str, tables: dict[str, str], source: str | None) -> bytes:
    book = Workbook()
    info = book.active
    info.title = _("Instructions")[:31]
    for i, line in enumerate(_instructions(lang, source), start=1):
        info.cell(row=i, column=1, value=line)
    info["A1"].font = Font(bold=True, size=14)
    info.column_dimensions["A"].width = 120

    lists = book.create_sheet(LISTS)
    list_ranges: dict[str, str] = {}
    bold = Font(bold=True)
    code_fill = PatternFill("solid", fgColor="EEEEEE")
    examples = book.create_sheet(_("Examples")[:31])
    ex_row = 1
    for dataset in figure_datasets():
        sheet = book.create_sheet(sheet_name(dataset, lang))
        cols = columns(dataset)
        _header, rows = read_csv(tables[dataset]) if dataset in tables else ([], [])
        for j, column in enumerate(cols, start=1):
            sheet.cell(row=1, column=j, value=column_title(dataset, column, lang)).font = bold
            sheet.cell(row=2, column=j, value=column).fill = code_fill
            sheet.column_dimensions[get_column_letter(j)].width = max(12, min(40, len(column_title(
                dataset, column, lang)) + 4))
            values = allowed(dataset, column)
            if values:
                key = f"{metadata.table(dataset).columns[column].vocabulary or metadata.table(dataset).columns[column].reference}"
                if key not in list_ranges:
                    k = len(list_ranges) + 1
                    letter = get_column_letter(k)
                    lists.cell(row=1, column=k, value=key)
                    for i, v in enumerate(values, start=2):
                        lists.cell(row=i, column=k, value=v)
                    list_ranges[key] = f"{quote_sheetname(LISTS)}!${letter}$2:${letter}${len(values) + 1}"
                dv = DataValidation(type="list", formula1=list_ranges[key], allow_blank=True)
                dv.error = _("Choose a value from the list")
                dv.showErrorMessage = True
                sheet.add_data_validation(dv)
                letter = get_column_letter(j)
                dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}2000")
        if "lines" in cols:  # text, so that Excel never turns a range such as 1-5 into a date
            letter = get_column_letter(cols.index("lines") + 1)
            for r in range(FIRST_DATA_ROW, TEXT_ROWS + 1):
                sheet[f"{letter}{r}"].number_format = "@"
        sheet.freeze_panes = "A3"
        if source:
            r = FIRST_DATA_ROW
            for row in rows:
                if row.get("source") == source:
                    for j, column in enumerate(cols, start=1):
                        sheet.cell(row=r, column=j, value=_cell(dataset, column, row.get(column, "")))
                    r += 1
        # examples: the first two rows of the dataset in the current release
        examples.cell(row=ex_row, column=1, value=sheet_name(dataset, lang)).font = Font(bold=True, size=12)
        for j, column in enumerate(cols, start=1):
            examples.cell(row=ex_row + 1, column=j, value=column_title(dataset, column, lang)).font = bold
        for k, row in enumerate(rows[:2]):
            for j, column in enumerate(cols, start=1):
                examples.cell(row=ex_row + 2 + k, column=j, value=_cell(dataset, column, row.get(column, "")))
        ex_row += 5
    lists.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(dataset: str, column: str, text: str):
    """A CSV cell as the workbook shows it: numbers as numbers, the rest as text."""
    if text in ("", None):
        return None
    if is_number(dataset, column):
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return text
