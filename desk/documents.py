"""Registering a source document: its text, stored with its checksum, so that a citation
(document + lines) always points at the exact text the figures were checked against.

A PDF is converted to text by pypdf (pinned in requirements.txt): the pages' text one after
another, each page starting on a new line; lines are then numbered as `sed -n` numbers them,
and the stored text (not the PDF) is what citations and the checksum refer to. A PDF without
a text layer (a scan) or one that cannot be read is refused with a plain message."""
from __future__ import annotations

import io
import re

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from desk.db import audit, now, sha256
from desk.problems import DeskProblem
from i18n import _

ID_PATTERN = re.compile(r"^[a-z0-9-]+$")


def pdf_text(raw: bytes) -> tuple[str | None, list[DeskProblem]]:
    """A PDF's text (pages in order, each on new lines, trailing spaces removed), or the problem."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is reported below, not logged
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            return None, [DeskProblem(_("the PDF is protected by a password: save an unprotected copy first"))]
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        return None, [DeskProblem(_("the PDF cannot be read: it may be damaged"))]
    lines = [line.rstrip() for page in pages for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    text = "\n".join(lines).strip("\n")
    if not text.strip():
        return None, [DeskProblem(_("the PDF has no text (a scanned image?): it needs a text layer"))]
    return text + "\n", []


def read_text(raw: bytes) -> tuple[str | None, list[DeskProblem]]:
    """The document as text with "\\n" line ends, or the reason it is not text (a PDF is converted)."""
    if raw.startswith(b"%PDF"):
        return pdf_text(raw)
    if b"\x00" in raw[:65536] or raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None, [DeskProblem(_("the document is not a text file (.txt)"))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [DeskProblem(_("the document is not a text file in UTF-8"))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [DeskProblem(_("the document is empty"))]
    return text, []


def numbered(text: str) -> str:
    """The text with each line's number in front ("  12\\t..."), numbered as `sed -n` numbers
    them: what staff cite in the workbook's `lines` column."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    width = len(str(len(lines)))
    return "".join(f"{i:>{width}}\t{line}\n" for i, line in enumerate(lines, start=1))


def slug(title: str, year: int | None) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())[:3] or ["doc"]
    return "-".join([*words, *([str(year)] if year else [])])


def register(eng: Engine, raw: bytes, *, title: str, publisher: str, year: int | None, language: str,
             who: str, doc_id: str | None = None) -> tuple[str | None, list[DeskProblem]]:
    """Store a document; (its id, []) or (None, problems) -- nothing is saved then."""
    text, problems = read_text(raw)
    if not title.strip():
        problems.append(DeskProblem(_("the document needs a title")))
    if not publisher.strip():
        problems.append(DeskProblem(_("the document needs a publisher")))
    if year is not None and not 1900 <= year <= 2100:
        problems.append(DeskProblem(_("“{year}” is not a year", year=year)))
    doc_id = (doc_id or slug(title, year)).strip()
    if not ID_PATTERN.match(doc_id):
        problems.append(DeskProblem(_("a document id uses only Latin small letters, digits and hyphens")))
    if problems:
        return None, problems
    digest = sha256(text)
    with eng.begin() as conn:
        same = conn.execute(sa.text("SELECT id FROM documents WHERE sha256 = :s"), {"s": digest}).scalar()
        if same:
            return None, [DeskProblem(_("this document is already registered"))]
        if conn.execute(sa.text("SELECT 1 FROM documents WHERE id = :i"), {"i": doc_id}).scalar():
            return None, [DeskProblem(_("another document already has this id: choose another"))]
        conn.execute(sa.text(
            "INSERT INTO documents (id, title, publisher, year, language, text, sha256, registered, who) "
            "VALUES (:i, :t, :p, :y, :l, :x, :s, :r, :w)"),
            {"i": doc_id, "t": title.strip(), "p": publisher.strip(), "y": year, "l": language.strip(),
             "x": text, "s": digest, "r": now(), "w": who})
        audit(conn, who, "register", f"document {doc_id} ({len(text.split(chr(10)))} lines, sha256 {digest[:12]})")
    return doc_id, []


def covered(rows: list[dict]) -> str:
    """The years the imported figures cover ("2016 - 2024", or "2024"), from their year or period."""
    years = sorted({int(v[:4]) for r in rows for v in (r.get("year"), r.get("period_start"), r.get("period_end"))
                    if v and str(v)[:4].isdigit()})
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]} - {years[-1]}"


def sources_row(doc: dict, rows: list[dict] | None = None) -> dict[str, str]:
    """The document's row of sources.csv (added to a release with its first import). The period
    covered (required) is the year of publication, or -- for a document that prints none -- the
    years its imported figures cover."""
    year = str(doc["year"]) if doc.get("year") else ""
    return {"source": doc["id"], "short": doc["title"][:60], "file": f"{doc['id']}.txt", "title": doc["title"],
            "publisher": doc["publisher"], "year_published": year, "period_covered": year or covered(rows or []),
            "language": doc.get("language") or "", "licence": "", "description": ""}
