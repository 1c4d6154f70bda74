"""Check a figure against the lines of the source document it cites.

A figure is traced when the number appears among the numbers printed in the
cited lines. Numbers are normalised the way reports print them: thousands
separated by spaces, commas or dots ("1 234", "1,234", "43.000"), decimal
commas ("2,5"), and numbers written as words ("eight", "Thirteen", "no").
Lines are counted the way `sed -n` and `grep -n` count them: on "\\n" only.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

DEFAULT_SOURCES_DIR = Path(__file__).resolve().parents[2] / "shared" / "sources"
SOURCES_DIR = Path(os.environ.get("RAPPORTEUR_SOURCES", DEFAULT_SOURCES_DIR))


def sources_dir() -> Path:
    """Where the source documents are (RAPPORTEUR_SOURCES, read on each call)."""
    return Path(os.environ.get("RAPPORTEUR_SOURCES") or DEFAULT_SOURCES_DIR)


@lru_cache(maxsize=None)
def document_lines(path: str) -> tuple[str, ...]:
    """The lines of the document at `path`, numbered as `sed` numbers them (index 0 = line 1)."""
    return tuple(Path(path).read_text(encoding="utf-8").split("\n"))

NUMBER_WORDS = {
    "zero": 0, "no": 0, "none": 0, "nil": 0,
    "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "dozen": 12, "once": 1, "twice": 2,
}


@lru_cache(maxsize=None)
def source_lines(file: str) -> tuple[str, ...]:
    """The lines of a source file, numbered as `sed` numbers them (index 0 = line 1)."""
    return tuple((SOURCES_DIR / file).read_text(encoding="utf-8").split("\n"))


def cited_text(file: str, lines: str) -> str:
    """The text of `lines` ("139" or "247-251") in `file`."""
    first, _, last = lines.partition("-")
    start, end = int(first), int(last or first)
    text = source_lines(file)
    if start < 1 or end > len(text):
        raise ValueError(f"lines {lines} are outside {file} (1-{len(text)})")
    return "\n".join(text[start - 1:end])


def numbers_in(text: str) -> set[float]:
    """Every number printed in `text`, in every reading its separators allow."""
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    found: set[float] = set()
    # "47, 2 %": a decimal comma split by the PDF conversion (sometimes across a line break).
    for match in re.finditer(r"(\d+),[ \t]*\n?[ \t]*(\d+) ?%", text):
        found.add(float(f"{match.group(1)}.{match.group(2)}"))
    # "Twenty-seven": tens and units joined by a hyphen.
    for tens, units in re.findall(r"([A-Za-z]+)-([A-Za-z]+)", text):
        t, u = NUMBER_WORDS.get(tens.lower()), NUMBER_WORDS.get(units.lower())
        if t is not None and u is not None and t >= 20 and t % 10 == 0 and 0 < u < 10:
            found.add(float(t + u))
    # Digit groups: "1 234 567", "1,234", "43.000" -> also read as whole thousands.
    for match in re.finditer(r"\d{1,3}(?:[ ,.]\d{3})+(?!\d)", text):
        found.add(float(re.sub(r"[ ,.]", "", match.group(0))))
    for match in re.finditer(r"\d+(?:[.,]\d+)?", text):
        token = match.group(0)
        found.add(float(token.replace(",", ".")))
        if "," in token:  # "2016,2017" in a garbled table row: two numbers, not a decimal
            found.update(float(part) for part in token.split(","))
    # "60-100,000": a range whose lower bound shares the upper bound's thousands (60,000).
    for low, groups in re.findall(r"(?<![\d,.])(\d{1,3}) ?[-–] ?\d{1,3}((?:[ ,.]\d{3})+)(?!\d)", text):
        found.add(float(low + re.sub(r"[ ,.]", "", groups)))
    # "has not received any complaints": a zero printed as a denial.
    if re.search(r"\bnot\b[^.]{0,40}?\bany\b", text, flags=re.IGNORECASE):
        found.add(0.0)
    for word in re.findall(r"[A-Za-z]+", text):
        if word.lower() in NUMBER_WORDS:
            found.add(float(NUMBER_WORDS[word.lower()]))
    return found


def value_is_cited(value: float, file: str, lines: str) -> bool:
    """True when `value` is printed in the cited lines."""
    return float(value) in numbers_in(cited_text(file, lines))


# The columns of a row that hold printed numbers: `value` in figure tables, the
# shortest and longest sentence in penalties.csv. Each is checked on its own.
NUMBER_COLUMNS = ("value", "min_years", "max_years")


def uncited_numbers(row: dict, file: str) -> list[str]:
    """The number columns of `row` whose value is not printed in its cited lines of `file`
    (an empty cell is "not stated" and has nothing to check)."""
    return [c for c in NUMBER_COLUMNS
            if row.get(c) is not None and not value_is_cited(row[c], file, row["lines"])]


def years_in(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)", text)}
