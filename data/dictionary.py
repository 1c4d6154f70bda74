"""The data dictionary, built from the metadata (data/meta/*.yml).

`tables_frame()` and `columns_frame()` give it as polars frames (texts in one
language, from the metadata; ids and numbers otherwise), for the Sources page and
the workbook's dictionary sheet. `markdown()` gives the generated section of
data/README.md; `python -m data.dictionary` rewrites that section between its
markers (`--check` only reports whether it is up to date).
"""
from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

from data import metadata
from data.metadata import DATA_DIR, Column, Table, text_in

README = DATA_DIR / "README.md"
BEGIN = "<!-- BEGIN GENERATED: data dictionary (python -m data.dictionary; edit data/meta/*.yml instead) -->"
END = "<!-- END GENERATED: data dictionary -->"

TABLE_SCHEMA = {
    "dataset": pl.String, "file": pl.String, "title": pl.String, "one_row": pl.String, "description": pl.String,
    "caveats": pl.String, "licence": pl.String, "figures": pl.Boolean, "key": pl.String, "columns": pl.String,
}
COLUMN_SCHEMA = {
    "dataset": pl.String, "column": pl.String, "title": pl.String, "type": pl.String, "required": pl.Boolean,
    "vocabulary": pl.String, "vocabulary_title": pl.String, "reference": pl.String, "reference_title": pl.String,
    "pattern": pl.String, "pattern_title": pl.String, "low": pl.Float64, "high": pl.Float64,
    "description": pl.String,
}


def _names(kind: str | None) -> tuple[str, ...]:
    if kind == "dataset":
        return metadata.dataset_names()
    if kind == "reference":
        return metadata.reference_names()
    return (*metadata.dataset_names(), *metadata.reference_names())


def tables_frame(lang: str = "en", kind: str | None = "dataset") -> pl.DataFrame:
    """One row per table: id, file, title, what a row is, description, how to read it
    (caveats joined), licence, whether it holds figures, key and columns (ids)."""
    rows = []
    for name in _names(kind):
        t = metadata.table(name)
        rows.append({
            "dataset": name, "file": t.file, "title": text_in(t.title, lang), "one_row": text_in(t.row, lang),
            "description": text_in(t.description, lang),
            "caveats": " ".join(t.caveats.get(lang) or t.caveats.get("en") or ()),
            "licence": text_in(t.licence, lang), "figures": t.figures, "key": ", ".join(t.key),
            "columns": ", ".join(t.columns),
        })
    return pl.DataFrame(rows, schema=TABLE_SCHEMA)


def _bounds(col: Column) -> tuple[float | None, float | None]:
    if col.check("range"):
        low, high = col.check("range")
        return float(low), float(high)
    if col.check("min") is not None:
        return float(col.check("min")), None
    return None, None


def columns_frame(lang: str = "en", tables: list[str] | tuple[str, ...] | None = None,
                  description_fallback: bool = True) -> pl.DataFrame:
    """One row per declared column: table, column id, title, type, required, and its checks
    (vocabulary, reference table, pattern, bounds) with their titles in `lang`.

    A column's description falls back to English unless `description_fallback` is false
    (then it is empty where `lang` has none: a page never mixes languages)."""
    rows = []
    for name in tables if tables is not None else _names(None):
        for col in metadata.table(name).columns.values():
            low, high = _bounds(col)
            vocab, ref, pat = col.vocabulary, col.reference, col.check("pattern")
            rows.append({
                "dataset": name, "column": col.name, "title": text_in(col.title, lang), "type": col.type,
                "required": col.required, "vocabulary": vocab,
                "vocabulary_title": text_in(metadata.vocabularies()[vocab].title, lang) if vocab else None,
                "reference": ref, "reference_title": text_in(metadata.table(ref).title, lang) if ref else None,
                "pattern": pat, "pattern_title": text_in(metadata.pattern_title(pat), lang) if pat else None,
                "low": low, "high": high,
                "description": (text_in(col.description, lang) if description_fallback
                                else col.description.get(lang)) or None,
            })
    return pl.DataFrame(rows, schema=COLUMN_SCHEMA)


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def check_text(col: Column) -> str:
    """The checks of a column in words (English, for the README)."""
    parts = []
    if col.vocabulary:
        terms = metadata.vocabulary(col.vocabulary)
        listed = ", ".join(f"`{t}`" for t in terms) if len(terms) <= 12 else f"{len(terms)} terms"
        parts.append(f"vocabulary `{col.vocabulary}` ({listed})")
    if col.reference:
        parts.append(f"id in `{metadata.table(col.reference).file}`")
    if col.check("pattern"):
        parts.append(text_in(metadata.pattern_title(col.check("pattern")), "en"))
    low, high = _bounds(col)
    if low is not None and high is not None:
        parts.append(f"{_number(low)} to {_number(high)}")
    elif low is not None:
        parts.append(f"at least {_number(low)}")
    return "; ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _column_rows(columns: dict[str, Column]) -> list[str]:
    lines = ["| column | title | type | required | checks | meaning |", "|---|---|---|---|---|---|"]
    for col in columns.values():
        lines.append(f"| `{col.name}` | {_cell(col.title.get('en', ''))} | {col.type} | "
                     f"{'yes' if col.required else ''} | {_cell(check_text(col))} | "
                     f"{_cell(col.description.get('en', ''))} |")
    return lines


def _table_section(t: Table, shared: set[str]) -> list[str]:
    lines = [f"### {t.file} — {text_in(t.title, 'en')}", "",
             f"{text_in(t.row, 'en').capitalize()}. {text_in(t.description, 'en')}", ""]
    caveats = t.caveats.get("en") or ()
    if caveats:
        lines += ["How to read it:", *[f"- {c}" for c in caveats], ""]
    if t.figures:
        lines += ["Holds figures: every `value` is checked against its cited lines "
                  "(`tests/test_provenance.py`).", ""]
    own = {n: c for n, c in t.columns.items() if n not in shared}
    blocks = [b for b in metadata.catalogue()["blocks"] if set(metadata.block(b)) <= set(t.columns)]
    if blocks:
        lines += [f"Shared columns: {', '.join(f'`{b}`' for b in blocks)}. Key: "
                  f"{', '.join(f'`{k}`' for k in t.key)}.", ""]
    else:
        lines += [f"Key: {', '.join(f'`{k}`' for k in t.key)}.", ""]
    if own:
        lines += [*_column_rows(own), ""]
    return lines


def markdown() -> str:
    """The generated part of data/README.md: shared column blocks, every dataset, every
    reference table and every vocabulary, from the metadata (English)."""
    lines = ["## Column blocks shared by several tables", "",
             "Declared once in `meta/catalogue.yml`; a table includes them by name.", ""]
    shared: set[str] = set()
    for name in metadata.catalogue()["blocks"]:
        cols = metadata.block(name)
        shared |= set(cols)
        lines += [f"### `{name}`", "", *_column_rows(cols), ""]
    lines += ["## Datasets", ""]
    for name in metadata.dataset_names():
        lines += _table_section(metadata.table(name), shared)
    lines += ["## Reference tables", ""]
    for name in metadata.reference_names():
        lines += _table_section(metadata.table(name), set())
    lines += ["## Vocabularies", "",
              "In `meta/vocabularies.yml`, each term with its label in English, Russian and Kyrgyz. A column "
              "that names a vocabulary takes exactly its terms.", "",
              "| vocabulary | title | terms |", "|---|---|---|"]
    for vocab in metadata.vocabularies().values():
        terms = list(vocab.terms)
        shown = ", ".join(f"`{t}`" for t in terms) if len(terms) <= 12 else f"{len(terms)} terms"
        lines.append(f"| `{vocab.name}` | {_cell(text_in(vocab.title, 'en'))} | {_cell(shown)} |")
    return "\n".join(lines).rstrip() + "\n"


def section(readme: str) -> str | None:
    """The text between the markers of a README (None when the markers are missing)."""
    if BEGIN not in readme or END not in readme:
        return None
    return readme.split(BEGIN, 1)[1].split(END, 1)[0].strip("\n") + "\n"


def rewrite(readme: str) -> str:
    """The README with its generated section replaced by `markdown()`."""
    if section(readme) is None:
        raise ValueError(f"data/README.md lacks the markers {BEGIN!r} and {END!r}")
    head, rest = readme.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    return f"{head}{BEGIN}\n{markdown()}{END}{tail}"


def main(argv: list[str] | None = None, path: Path = README) -> int:
    args = sys.argv[1:] if argv is None else argv
    current = path.read_text(encoding="utf-8")
    updated = rewrite(current)
    if "--check" in args:
        if updated != current:
            print(f"{path.name}: the data dictionary is out of date; run python -m data.dictionary")
            return 1
        print(f"{path.name}: the data dictionary is up to date")
        return 0
    if updated != current:
        path.write_text(updated, encoding="utf-8")
        print(f"{path.name}: data dictionary rewritten")
    else:
        print(f"{path.name}: already up to date")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
