"""Russian and Kyrgyz for the free text in data/*.csv: our notes, the councils'
`established_by`, `chair`, `members`, `plans_adopted` (COLUMNS, in every CSV that has them), and
the names of organisers, organisations, districts, the government's responses and the crosswalk's
concepts as the reports print them in English (FILE_COLUMNS, in the files named there only).

The translations live in `tools/translations/text.tsv`, one line per English text:
`english<TAB>russian<TAB>kyrgyz`. This script copies them into each CSV as
`<column>_ru` and `<column>_ky`, added at the end of every line; the rest of each line stays
byte for byte as it was (no re-quoting), so a diff shows only the new cells.

    python -m tools.translations            # write the columns (again) from text.tsv
    python -m tools.translations missing    # English texts without a translation yet
    python -m tools.translations list FILE  # the untranslated texts of one CSV, numbered
    python -m tools.translations merge FILE NUMBERED.tsv
        # add "n<TAB>ru<TAB>ky" lines (numbers from `list`) to text.tsv, keyed by the English

gaps.csv is left alone: its note_ru / note_ky were written by hand with the gaps.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
TABLE = Path(__file__).resolve().parent / "text.tsv"
COLUMNS = ("note", "established_by", "chair", "members", "plans_adopted")
# Columns translated in one file only: `district` is also in councils.csv and context.csv, where it
# is not (yet) translated. Their `_ru`/`_ky` come after those of COLUMNS, in this order.
FILE_COLUMNS = {
    "capacity.csv": ("organiser",),
    "assistance.csv": ("organisation", "district"),
    "regional.csv": ("organisation", "district"),
    "recommendations.csv": ("government_response",),
    "article_crosswalk.csv": ("concept",),
    "context.csv": ("district",),
}
LANGS = ("ru", "ky")
SKIP = {"gaps.csv"}


def table() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    if TABLE.exists():
        for n, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3 or not all(p.strip() for p in parts):
                raise SystemExit(f"{TABLE.name}:{n}: want english<TAB>russian<TAB>kyrgyz")
            out[parts[0]] = (parts[1].strip(), parts[2].strip())
    return out


def files() -> list[Path]:
    return [p for p in sorted(DATA.glob("*.csv")) if p.name not in SKIP]


def translated(path: Path, header: list[str]) -> list[str]:
    """The columns of one CSV that get `_ru`/`_ky` columns, in the order those are written."""
    return [c for c in (*COLUMNS, *FILE_COLUMNS.get(path.name, ())) if c in header]


def _fields(values: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(values)
    return out.getvalue()


def _read(path: Path) -> tuple[list[str], list[list[str]], list[str]]:
    raw = path.read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(io.StringIO("\n".join(raw))))
    return rows[0], rows[1:], raw


def texts(path: Path) -> list[str]:
    """The distinct English texts of a CSV's translatable columns, in order of appearance."""
    header, rows, _ = _read(path)
    seen: dict[str, None] = {}
    for column in translated(path, header):
        i = header.index(column)
        for row in rows:
            if row[i].strip():
                seen.setdefault(row[i], None)
    return list(seen)


def write(path: Path, known: dict[str, tuple[str, str]]) -> list[str]:
    """Add (or rewrite) the translated columns of one CSV; returns texts left untranslated."""
    header, rows, raw = _read(path)
    columns = translated(path, header)
    if not columns:
        return []
    new = [f"{c}_{lang}" for c in columns for lang in LANGS]
    # written before: the first of them (a column added to FILE_COLUMNS since gets its cells after)
    present = [c for c in new if c in header]
    if present and (present != new[:len(present)] or present != header[-len(present):]):
        raise SystemExit(f"{path.name}: translated columns are not the last ones, in order")
    base = header[:len(header) - len(present)]
    missing: list[str] = []
    out = []
    for line, row in zip(raw, [header, *rows]):
        if present:  # drop the cells this script wrote before
            suffix = "," + _fields(row[len(base):])
            if not line.endswith(suffix):
                raise SystemExit(f"{path.name}: cannot find the translated cells of {line[:40]}...")
            line = line[:-len(suffix)]
        if row is header:
            cells = new
        else:
            cells = []
            for c in columns:
                text = row[base.index(c)]
                ru, ky = known.get(text, ("", "")) if text.strip() else ("", "")
                if text.strip() and text not in known:
                    missing.append(text)
                cells += [ru, ky]
        out.append(line + "," + _fields(cells))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return missing


def main(argv: list[str]) -> None:
    known = table()
    if not argv:
        missing = {}
        for path in files():
            for text in write(path, known):
                missing.setdefault(text, path.name)
        print(f"{len(missing)} texts without a translation")
    elif argv[0] == "missing":
        for path in files():
            for text in texts(path):
                if text not in known:
                    print(f"{path.name}\t{text}")
    elif argv[0] == "list":
        todo = [t for t in texts(DATA / argv[1]) if t not in known]
        for n, text in enumerate(todo, 1):
            print(f"{n}\t{text}")
    elif argv[0] == "merge":
        todo = [t for t in texts(DATA / argv[1]) if t not in known]
        added = []
        for line in Path(argv[2]).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            n, ru, ky = line.split("\t")
            english = todo[int(n) - 1]
            if english in known:
                continue
            known[english] = (ru.strip(), ky.strip())
            added.append(english)
        with TABLE.open("a", encoding="utf-8") as f:
            for english in added:
                f.write("\t".join((english, *known[english])) + "\n")
        print(f"{len(added)} added; {len([t for t in todo if t not in known])} left in {argv[1]}")
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
