"""The template workbook staff fill in, generated from the dataset metadata (data/meta/*.yml).

One sheet per figure dataset, named by its title in the staff's language; row 1 holds the
column titles in that language, row 2 the stable column ids (the import reads row 2), data
from row 3. `source` is not a column: an import names its document. `id` may stay empty for a
new row. Every vocabulary and reference column has a drop-down list of labels in the
workbook's language (measure "Зарегистрированные преступления", not `registered_crimes`), from
the last sheet, "Lists", which gives each label with its stable code beside it; the import maps
a label in any language (or the code itself) back to the code (`choice`). An instructions sheet
explains the rules and an examples sheet shows rows of the data.
"""
from __future__ import annotations

import csv
import io
import re
from functools import lru_cache

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from data import metadata
from data.schemas import DATA_DIR, reference_ids
from desk.store import read_csv
from i18n import N_, _, using

FIRST_DATA_ROW = 3
TEXT_ROWS = 1000  # rows whose `lines` cells are formatted as text
LISTS = N_("Lists")  # the sheet of labels and codes, last (named in the workbook's language)
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


def list_name(dataset: str, column: str) -> str | None:
    """The vocabulary or reference table a column takes its values from, else None."""
    col = metadata.table(dataset).columns[column]
    return col.vocabulary or col.reference or None


def _reference_rows(name: str) -> dict[str, dict[str, str]]:
    """id -> row of a reference table as shipped in data/ (regions, countries, reporters)."""
    ref = metadata.table(name)
    with open(DATA_DIR / ref.file, newline="", encoding="utf-8") as fh:
        return {row[ref.key[0]]: row for row in csv.DictReader(fh)}


def _labels_of(dataset: str, column: str, lang: str) -> dict[str, str]:
    """id -> its label in `lang` (English when that language has none; the id when none has)."""
    col = metadata.table(dataset).columns[column]
    ids = allowed(dataset, column) or ()
    if col.vocabulary:
        labels = metadata.labels(lang)
        return {i: labels.get((col.vocabulary, i)) or i for i in ids}
    rows = _reference_rows(col.reference)
    return {i: (rows.get(i, {}).get(f"name_{lang}") or rows.get(i, {}).get("name_en") or i) for i in ids}


def choices(dataset: str, column: str, lang: str) -> dict[str, str]:
    """id -> what the drop-down offers for it in `lang`: its label, or "label (id)" when
    another entry of the same list has the same label (so every choice maps back to one id).
    (Read only: the dict is shared.)"""
    return _choices(dataset, column, lang, metadata.version())


@lru_cache(maxsize=256)
def _choices(dataset: str, column: str, lang: str, version: tuple) -> dict[str, str]:
    labels = _labels_of(dataset, column, lang)
    seen: dict[str, int] = {}
    for label in labels.values():
        seen[_norm(label)] = seen.get(_norm(label), 0) + 1
    return {i: label if seen[_norm(label)] == 1 else f"{label} ({i})" for i, label in labels.items()}


def _norm(text: str) -> str:
    return " ".join(str(text).split()).casefold().replace("ё", "е")


LABEL_WITH_ID = re.compile(r"^(?P<label>.*\S)\s*\((?P<id>[^()]+)\)$")


@lru_cache(maxsize=64)
def _label_index(dataset: str, column: str, version: tuple) -> dict[str, frozenset[str]]:
    """Every label of a list in every language (and, for reporters, their short names),
    normalised -> the ids it names (more than one: the label is ambiguous)."""
    col = metadata.table(dataset).columns[column]
    out: dict[str, set[str]] = {}
    for lang in LANGS:
        for i, label in _labels_of(dataset, column, lang).items():
            out.setdefault(_norm(label), set()).add(i)
        if col.reference:
            for i, row in _reference_rows(col.reference).items():
                if row.get(f"short_{lang}"):
                    out.setdefault(_norm(row[f"short_{lang}"]), set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


def choice(dataset: str, column: str, text: str) -> tuple[str | None, tuple[str, ...]]:
    """What a cell of a list column names: (its id, ()) for an id, a label in en/ru/ky or a
    drop-down entry "label (id)"; (None, the ids it could mean) for an ambiguous label;
    (None, ()) for a value that is not in the list."""
    ids = allowed(dataset, column) or ()
    if text in ids:
        return text, ()
    with_id = LABEL_WITH_ID.match(text)
    if with_id and with_id["id"].strip() in ids:
        return with_id["id"].strip(), ()
    found = _label_index(dataset, column, metadata.version()).get(_norm(text), frozenset())
    if len(found) == 1:
        return next(iter(found)), ()
    return None, tuple(sorted(found))


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
        _("5. Dates as dates (2024-12-31). Measure, unit, reporter and the other listed columns: choose from "
          "the drop-down lists; the last sheet, “{sheet}”, gives each entry's code, which is accepted too.",
          sheet=_(LISTS)[:31]),
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

    list_ranges: dict[str, str] = {}
    bold = Font(bold=True)
    code_fill = PatternFill("solid", fgColor="EEEEEE")
    examples = book.create_sheet(_("Examples")[:31])
    lists = book.create_sheet(_(LISTS)[:31])  # moved to the end below
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
            key = list_name(dataset, column)
            if key and allowed(dataset, column):
                if key not in list_ranges:
                    list_ranges[key] = _add_list(lists, len(list_ranges), key, choices(dataset, column, lang), lang)
                dv = DataValidation(type="list", formula1=list_ranges[key], allow_blank=True)
                # a typed code is accepted too (the import maps labels and codes): warn, do not refuse
                dv.errorStyle = "warning"
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
                        sheet.cell(row=r, column=j, value=_cell(dataset, column, row.get(column, ""), lang))
                    r += 1
        # examples: the first two rows of the dataset in the current release
        examples.cell(row=ex_row, column=1, value=sheet_name(dataset, lang)).font = Font(bold=True, size=12)
        for j, column in enumerate(cols, start=1):
            examples.cell(row=ex_row + 1, column=j, value=column_title(dataset, column, lang)).font = bold
        for k, row in enumerate(rows[:2]):
            for j, column in enumerate(cols, start=1):
                examples.cell(row=ex_row + 2 + k, column=j, value=_cell(dataset, column, row.get(column, ""), lang))
        ex_row += 5
    lists.freeze_panes = "A2"
    book.move_sheet(lists, offset=len(book.sheetnames) - 1 - book.sheetnames.index(lists.title))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _add_list(lists, k: int, key: str, offered: dict[str, str], lang: str) -> str:
    """Write list number `k` (0-based) into the lists sheet: its labels in one column with their
    codes beside; the range the drop-down offers (the labels)."""
    label_col, code_col = get_column_letter(2 * k + 1), get_column_letter(2 * k + 2)
    vocab = metadata.vocabularies().get(key)
    title = vocab.title if vocab else (metadata.table(key).title if key in metadata.tables() else key)
    lists[f"{label_col}1"] = metadata.text_in(title, lang) if not isinstance(title, str) else title
    lists[f"{code_col}1"] = _("code")
    lists[f"{label_col}1"].font = lists[f"{code_col}1"].font = Font(bold=True)
    for i, (code, label) in enumerate(offered.items(), start=2):
        lists[f"{label_col}{i}"] = label
        lists[f"{code_col}{i}"] = code
    lists.column_dimensions[label_col].width = 40
    lists.column_dimensions[code_col].width = 24
    return f"{quote_sheetname(_(LISTS)[:31])}!${label_col}$2:${label_col}${len(offered) + 1}"


def _cell(dataset: str, column: str, text: str, lang: str = "ru"):
    """A CSV cell as the workbook shows it: numbers as numbers, a code as its drop-down label
    in `lang`, the rest as text."""
    if text in ("", None):
        return None
    if list_name(dataset, column) and allowed(dataset, column):
        return choices(dataset, column, lang).get(text, text)
    if is_number(dataset, column):
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    return text
