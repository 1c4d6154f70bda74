"""Registered documents: a PDF becomes text with line numbers (pypdf), stored with its checksum,
and its figures are checked against those lines; every registered document a release cites is
copied into the release folder, where the public loader finds it first and checks the
citations against the exact registered text (on SQLite and PostgreSQL)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from desk import importer, store
from desk.db import sha256
from desk.documents import register
from desk.release import current_data_dir, release_info, sync_current
from tests.pg import desk_url, pg_server  # noqa: F401  (fixtures)
from tests.test_desk_import import JUSTICE, OLD_YEAR, workbook

PDF_LINES = ["Annual statistics of the office (PDF edition)",
             "In 2024 the police registered 17 trafficking crimes.",
             "For 2016 our own count of registered trafficking crimes is 9.",
             "Closing remarks without numbers."]


def pdf_of(lines: list[str]) -> bytes:
    """A one-page PDF printing `lines` in Helvetica, one per line, written by hand (objects and a
    correct cross-reference table), so the test needs no PDF-making library."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 11 Tf 14 TL 50 780 Td " + " ".join(f"({esc(line)}) Tj T*" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(content.encode('latin-1'))} >>\nstream\n{content}\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _register_pdf(eng, raw: bytes, doc_id: str = "office-pdf"):
    return register(eng, raw, title="Annual statistics (PDF)", publisher="The office", year=2024,
                    language="English", who="ana", doc_id=doc_id)


def test_a_pdf_is_stored_as_numbered_text_with_its_checksum(desk_url):
    eng = store.ensure(desk_url)
    assert _register_pdf(eng, pdf_of(PDF_LINES)) == ("office-pdf", [])
    doc = store.document(eng, "office-pdf")
    assert doc["text"] == "\n".join(PDF_LINES) + "\n"
    assert doc["text"].split("\n")[1] == "In 2024 the police registered 17 trafficking crimes."  # line 2
    assert doc["sha256"] == sha256(doc["text"])
    # the same PDF again is the same text: refused as already registered
    doc_id, problems = _register_pdf(eng, pdf_of(PDF_LINES), "again")
    assert doc_id is None and "already registered" in str(problems[0])


def test_a_figure_cites_a_line_of_the_pdf(desk_url):
    eng = store.ensure(desk_url)
    _register_pdf(eng, pdf_of(PDF_LINES))
    good = importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR)), "office-pdf", "en")
    assert good.problems == []
    assert [(r["value"], r["lines"]) for r in good.new["justice"]] == [("17", "2"), ("9", "3")]
    wrong = importer.check(eng, workbook(("justice", {**JUSTICE, "lines": "3"})), "office-pdf", "en")
    assert len(wrong.problems) == 1 and "17 is not printed in lines 3 of the document" in str(wrong.problems[0])
    outside = importer.check(eng, workbook(("justice", {**JUSTICE, "lines": "9"})), "office-pdf", "en")
    assert len(outside.problems) == 1 and "lines 9 are outside the document (it has 5 lines)" in str(
        outside.problems[0])


def test_a_pdf_without_text_or_damaged_is_refused(desk_url):
    eng = store.ensure(desk_url)
    for raw, words in ((pdf_of([]), "no text"), (pdf_of(PDF_LINES)[:200], "cannot be read"),
                       (b"%PDF-1.7 ...", "cannot be read")):
        doc_id, problems = _register_pdf(eng, raw, "broken")
        assert doc_id is None and len(problems) == 1 and words in str(problems[0]), (raw[:20], problems)
    assert store.document(eng, "broken") is None


def test_a_release_carries_its_documents_and_the_public_loader_checks_them(desk_url, tmp_path, monkeypatch):
    from data.load import documents, load_all

    eng = store.ensure(desk_url)
    _register_pdf(eng, pdf_of(PDF_LINES))
    importer.stage(eng, importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR)),
                                       "office-pdf", "en"), "ana")
    store.publish(eng, "office figures", "ana", check=importer.release_problems)
    monkeypatch.setenv("RAPPORTEUR_SOURCES", str(tmp_path / "no-documents-here"))  # only the release's copies
    sync_current(desk_url)
    folder = Path(current_data_dir())
    text = "\n".join(PDF_LINES) + "\n"
    assert (folder / "sources" / "office-pdf.txt").read_text(encoding="utf-8") == text
    sources_csv = (folder / "sources.csv").read_text(encoding="utf-8")
    assert ",office-pdf.txt," in sources_csv
    assert release_info(folder)["documents"]["office-pdf.txt"] == sha256(text)
    assert documents(folder)["office-pdf"] == str(folder / "sources" / "office-pdf.txt")
    loaded = load_all(str(folder))["justice"]
    mine = loaded.frame.filter(loaded.frame["source"] == "office-pdf")
    assert sorted(mine["value"].to_list()) == [9, 17] and not [p for p in loaded.problems if "office" in str(p)]
    # a copy of the release whose figure no longer matches its cited line: the public loader refuses it
    copy = tmp_path / "tampered"
    shutil.copytree(folder, copy)
    justice = (copy / "justice.csv").read_text(encoding="utf-8")
    lines = justice.split("\n")
    [at] = [i for i, line in enumerate(lines) if ",17,cases,2024," in line and ",office-pdf,2," in line]
    lines[at] = lines[at].replace(",17,cases,2024,", ",18,cases,2024,")
    (copy / "justice.csv").write_text("\n".join(lines), encoding="utf-8")
    tampered = load_all(str(copy))["justice"]
    assert "18 is not printed in the cited lines 2" in [p.message for p in tampered.problems]
    assert 18 not in tampered.frame.filter(tampered.frame["source"] == "office-pdf")["value"].to_list()


def test_the_release_folder_is_looked_at_before_the_shipped_documents(tmp_path, monkeypatch):
    from data.load import DATA_DIR, citations_checked, documents

    shipped = tmp_path / "shipped"
    shipped.mkdir()
    release = tmp_path / "release"
    shutil.copytree(DATA_DIR, release, ignore=shutil.ignore_patterns("*.py", "meta", "__pycache__"))
    first = next(r for r in (release / "sources.csv").read_text(encoding="utf-8").split("\n")[1:] if r)
    source = first.split(",")[0]
    file = next(f for f in first.split(",") if f.endswith(".txt"))
    (shipped / file).write_text("elsewhere\n", encoding="utf-8")
    monkeypatch.setenv("RAPPORTEUR_SOURCES", str(shipped))
    assert documents(release)[source] == str(shipped / file)  # no copy in the release: the shipped folder
    (release / "sources").mkdir()
    (release / "sources" / file).write_text("in the release\n", encoding="utf-8")
    assert documents(release)[source] == str(release / "sources" / file)
    monkeypatch.setenv("RAPPORTEUR_SOURCES", str(tmp_path / "absent"))
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(release))
    assert citations_checked() and documents(release) == {source: str(release / "sources" / file)}
    assert json.loads(json.dumps(documents(release)))  # plain paths, nothing else


def test_a_document_without_a_year_reaches_the_public_app(desk_url):
    """sources.csv requires the period covered: for a document that prints no year it is the
    years of its imported figures, so the public loader accepts the document and its figures."""
    from data.load import load_all

    eng = store.ensure(desk_url)
    assert register(eng, pdf_of(PDF_LINES), title="Office statistics", publisher="The office", year=None,
                    language="", who="ana", doc_id="no-year") == ("no-year", [])
    importer.stage(eng, importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR)), "no-year", "en"),
                   "ana")
    store.publish(eng, "figures", "ana", check=importer.release_problems)
    sync_current(desk_url)
    folder = current_data_dir()
    row = [r for r in (Path(folder) / "sources.csv").read_text(encoding="utf-8").split("\n") if r.startswith("no-year,")]
    # (no Russian or Kyrgyz names yet: the pages then show the names as registered)
    assert row == ["no-year,Office statistics,,,no-year.txt,Office statistics,,,The office,,,,2016 - 2024,,,,,,,,,"]
    loaded = load_all(folder)["justice"]
    assert sorted(loaded.frame.filter(loaded.frame["source"] == "no-year")["value"].to_list()) == [9, 17]
    assert not [p for p in loaded.problems if "no-year" in str(p)]  # the source id is a valid one


def test_staff_read_the_text_with_the_numbers_they_cite():
    from desk.documents import numbered, read_text

    text, problems = read_text(pdf_of(PDF_LINES))
    assert problems == [] and numbered(text).split("\n")[:2] == [
        "1\tAnnual statistics of the office (PDF edition)", "2\tIn 2024 the police registered 17 trafficking crimes."]
    many = "".join(f"line {i}\n" for i in range(1, 12))
    assert numbered(many).split("\n")[10] == "11\tline 11" and numbered(many).split("\n")[0] == " 1\tline 1"
