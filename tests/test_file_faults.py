"""Every file the app reads, broken the ways files get broken: the loader names each problem
(file, row, column) and serves what passed; every page still renders and says so; a file
changed under a running server is swapped in only when it passes.

The metadata (data/meta/*.yml) and the message catalogues are broken the same way.
Works on temporary copies only (RAPPORTEUR_DATA_DIR, RAPPORTEUR_GEO_DIR, RAPPORTEUR_META_DIR,
a copied locale folder); the real files are never touched.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

import polars as pl
import pytest
import yaml

from data import load, metadata, watch
from data.metadata import DATA_DIR, dataset_names, reference_names
from geo import boundaries
from tests.apptest import PAGES, run_page, visible_text

GEO_DIR = boundaries.GEO
# file name -> name of its watched loader
DATA_FILES = {**{f"{n}.csv": n for n in (*dataset_names(), *reference_names())}, "conflicts.csv": "conflicts"}
GEO_FILES = {"kgz_regions.geojson": "kgz_regions", "world_countries.geojson": "world_countries",
             "points.csv": "points"}
FILES = {**DATA_FILES, **GEO_FILES}
# A cell that fails its checks in row 2 (the first data row): column -> bad text.
BAD_CELL = {"sources.csv": ("source", "Bad Id!"), "regions.csv": ("region", "XX"),
            "reporters.csv": ("reporter", "Bad Id!"), "countries.csv": ("country", "X1"),
            "points.csv": ("lat", "999")}


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _truncate(path: Path) -> None:
    """Cut the file in the middle of a row (JSON: in the middle of the text)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".geojson":
        path.write_text(text[: len(text) // 2], encoding="utf-8")
        return
    lines = text.split("\n")
    keep = max(2, len(lines) // 2)
    cut = lines[keep].split(",")[0][:6] + ","  # the next row's first cell, half written
    path.write_text("\n".join(lines[:keep]) + "\n" + cut, encoding="utf-8")


def _cp1251(path: Path) -> None:
    """Saved in Windows-1251, with a letter outside ASCII written in it (as a real edit would)."""
    text = path.read_text(encoding="utf-8")
    text = text.replace('"name":"', '"name":"№', 1) if path.suffix == ".geojson" else text.replace("\n", "\n№", 1)
    path.write_bytes(text.encode("cp1251", errors="replace"))


def _semicolons(path: Path) -> None:
    path.write_text(_csv_text(_csv_rows(path.read_text(encoding="utf-8")), ";"), encoding="utf-8")


def _drop_column(path: Path) -> None:
    """Drop the first column (every table's key); GeoJSON: the key property of every feature."""
    if path.suffix == ".geojson":
        doc = json.loads(path.read_text(encoding="utf-8"))
        key = next(iter(doc["features"][0]["properties"]))
        for feature in doc["features"]:
            feature["properties"].pop(key)
        path.write_text(json.dumps(doc), encoding="utf-8")
        return
    rows = _csv_rows(path.read_text(encoding="utf-8"))
    path.write_text(_csv_text([r[1:] for r in rows]), encoding="utf-8")


def _bad_value(path: Path) -> None:
    """One cell of the first row that fails its checks (GeoJSON: a position off the globe)."""
    if path.suffix == ".geojson":
        doc = json.loads(path.read_text(encoding="utf-8"))
        geometry = doc["features"][0]["geometry"]
        ring = geometry["coordinates"][0] if geometry["type"] == "Polygon" else geometry["coordinates"][0][0]
        ring[0] = [999.0, 999.0]
        path.write_text(json.dumps(doc), encoding="utf-8")
        return
    rows = _csv_rows(path.read_text(encoding="utf-8"))
    column, bad = BAD_CELL.get(path.name, ("lines", "abc"))
    rows[1][rows[0].index(column)] = bad
    path.write_text(_csv_text(rows), encoding="utf-8")


FAULTS = {
    "missing": lambda p: p.unlink(),
    "empty": lambda p: p.write_text("", encoding="utf-8"),
    "truncated": _truncate,
    "cp1251": _cp1251,
    "semicolons": _semicolons,
    "missing_column": _drop_column,
    "bad_value": _bad_value,
}
# What the problem says, for the faults that make a whole file unreadable.
FILE_MESSAGES = {"missing": "file is missing", "empty": "file is empty", "cp1251": "file is not UTF-8",
                 "semicolons": "columns are separated by ';'"}


@pytest.fixture(scope="module", autouse=True)
def _parse_each_content_once():
    """Every test here gets fresh copies of all the files, most of them untouched, and the
    app would read and validate all of them again (a third of a second a folder, most of
    this module's time). A reading is a function of the file's bytes and of what its
    checks depend on (`Watched.depends`: the reference ids and documents of its folder),
    so within this module a file with the same bytes and dependencies as one read before
    gets that reading (re-stamped for its own folder): the broken file of each test is
    always read afresh. Tests calling `parse` directly are not affected, nor the metadata
    files (small; a broken one's reading depends on the last good copy in the process)."""
    original = watch.Watched._read
    readings: dict[tuple, watch.Copy] = {}

    def read_once(self: watch.Watched, path: Path, disk) -> watch.Copy:
        if self.name.startswith("meta/"):  # a broken yml's reading depends on the last good copy
            return original(self, path, disk)
        try:
            content = hashlib.sha256(path.read_bytes()).digest()
        except OSError:  # missing: its reading depends on nothing else
            content = None
        key = (self.name, path.name, content, disk[1])
        hit = readings.get(key)
        if hit is None:
            hit = readings[key] = original(self, path, disk)
        return watch.Copy(hit.value, hit.problems, disk)

    watch.Watched._read = read_once
    yield
    watch.Watched._read = original


def _copies(tmp_path: Path) -> tuple[Path, Path]:
    data, geo = tmp_path / "data", tmp_path / "geo"
    data.mkdir()
    geo.mkdir()
    for file in DATA_FILES:
        shutil.copy(DATA_DIR / file, data / file)
    for file in (*GEO_FILES, "SOURCES.json"):
        shutil.copy(GEO_DIR / file, geo / file)
    return data, geo


@pytest.fixture
def copies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    data, geo = _copies(tmp_path)
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(data))
    monkeypatch.setenv("RAPPORTEUR_GEO_DIR", str(geo))
    return data, geo


def _folder(file: str, copies: tuple[Path, Path]) -> Path:
    return copies[1] if file in GEO_FILES else copies[0]


CASES = [(file, fault) for file in FILES for fault in FAULTS
         if not (fault == "semicolons" and file.endswith(".geojson"))]  # JSON has no column separator


@pytest.mark.parametrize("file,fault", CASES)
def test_the_loader_names_the_problem(file: str, fault: str, copies: tuple[Path, Path]) -> None:
    path = _folder(file, copies) / file
    FAULTS[fault](path)
    watched = watch.registered()[FILES[file]]
    value, problems = watched.parse(path)
    assert problems, f"{file} {fault}: no problem reported"
    assert {p.file for p in problems} == {file}
    if fault in FILE_MESSAGES:
        assert [p.message for p in problems if p.row is None][0].startswith(FILE_MESSAGES[fault])
    if fault == "missing_column":
        assert any(p.column for p in problems) or any("missing" in p.message for p in problems)
    if fault == "bad_value":
        column = "geometry" if file in ("kgz_regions.geojson", "world_countries.geojson") else \
            BAD_CELL.get(file, ("lines", ""))[0]
        assert any((p.row, p.column) == (1 if column == "geometry" else 2, column) for p in problems), problems
    # What passed is still served: a bad cell or a cut row loses that row, not the file.
    size = len(value["features"]) if isinstance(value, dict) else (value.frame if hasattr(value, "frame")
                                                                    else value).height
    if fault in ("bad_value", "truncated") and file != "kgz_regions.geojson" and not file.endswith(".geojson"):
        assert size >= 1


def test_a_truncated_lines_field_is_caught(copies: tuple[Path, Path]) -> None:
    if not load.citations_checked():
        pytest.skip("source documents not at hand")
    path = copies[0] / "justice.csv"
    text = path.read_text(encoding="utf-8")
    assert ",226-228," in text
    path.write_text(text.replace(",226-228,", ",22,", 1), encoding="utf-8")
    loaded = load.load_all()["justice"]
    assert any(p.column == "value" and "cited lines 22" in p.message for p in loaded.problems)
    assert not loaded.frame.filter(loaded.frame["lines"] == "22").height


def test_lines_outside_the_document_are_caught(copies: tuple[Path, Path]) -> None:
    if not load.citations_checked():
        pytest.skip("source documents not at hand")
    path = copies[0] / "timeline.csv"
    rows = _csv_rows(path.read_text(encoding="utf-8"))
    rows[1][rows[0].index("lines")] = "99999"
    path.write_text(_csv_text(rows), encoding="utf-8")
    problems = load.load_all()["timeline"].problems
    assert [(p.row, p.column) for p in problems] == [(2, "lines")]
    assert "outside the document" in problems[0].message


def test_without_the_documents_citations_are_not_checked(copies, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RAPPORTEUR_SOURCES", str(copies[0] / "no-such-folder"))
    path = copies[0] / "justice.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",226-228,", ",22,", 1), encoding="utf-8")
    assert not load.citations_checked()
    assert load.load_all()["justice"].problems == ()
    at = run_page("sources")
    assert not at.exception
    assert any("not on this server" in i.value for i in at.info)


def test_a_broken_reference_table_shows_ids(copies: tuple[Path, Path]) -> None:
    (copies[0] / "regions.csv").unlink()
    regions = load.reference("regions")
    assert "KG-C" in regions["region"].to_list()  # the ids the datasets use, shown as they are
    assert regions["name_en"].null_count() == regions.height
    assert load.labels("regions") == {}
    # every region row of the datasets is still served (the reference check is skipped)
    assert load.table("councils").filter(load.table("councils")["region"] == "KG-C").height >= 1


# --- pages ---------------------------------------------------------------------------------------

# The pages that read each file (the Sources page reads all of them).
FILE_PAGES = {
    "justice.csv": ["overview", "justice"], "assistance.csv": ["victims"], "migration.csv": ["migration"],
    "regional.csv": ["regions"], "capacity.csv": ["capacity"], "penalties.csv": ["sources"],
    "context.csv": ["sources"], "destination_mentions.csv": ["migration"],
    "councils.csv": ["regions"], "article_crosswalk.csv": ["sources"], "recommendations.csv": ["recommendations"],
    "gaps.csv": ["overview"], "timeline.csv": ["overview"], "sources.csv": ["recommendations", "justice"],
    "regions.csv": ["regions", "overview"], "reporters.csv": ["victims", "overview"],
    "countries.csv": ["migration"], "kgz_regions.geojson": ["regions"], "world_countries.geojson": ["migration"],
    "points.csv": ["regions"], "conflicts.csv": ["sources"],
}


def test_every_file_has_its_pages_listed_and_a_title() -> None:
    from ui.frame import file_title

    assert set(FILE_PAGES) == set(FILES)
    for name in (*FILES.values(), "geo_sources"):  # readers see a title, never the file's id
        assert file_title(name) != name
    assert {p for pages in FILE_PAGES.values() for p in pages} <= set(PAGES)


def _says_so(at) -> bool:
    """A notice pointing to the Sources page (the page frame's, or the page's own)."""
    return any("Sources page" in str(e.value) for e in (*at.warning, *at.info))


# (file, fault, page) -> the page rendered with that file broken that way. Two tests that
# break the same file the same way (reporters.csv missing) share the page's run.
_RENDERED: dict[tuple[str, str, str], object] = {}


def _render(page: str, file: str, fault: str):
    """The page, rendered from the folder the test set up (`file` broken by `fault`)."""
    key = (file, fault, page)
    if key not in _RENDERED:
        _RENDERED[key] = run_page(page)
    return _RENDERED[key]


def _check_pages(pages: list[str], file: str, fault: str) -> None:
    """Each page renders; those that read `file` (FILE_PAGES, and Sources) say so."""
    for page in pages:
        at = _render(page, file, fault)
        assert not at.exception, f"{file} {fault}: {page}: {at.exception}"
        if page in (*FILE_PAGES[file], "sources"):
            assert _says_so(at), f"{file} {fault}: {page} shows no notice"
        assert not re.search(r"\bNone\b", visible_text(at)), f"{file} {fault}: {page} shows None"


@pytest.mark.parametrize("fault", list(FAULTS))
def test_every_page_survives_each_fault_of_reporters(fault: str, copies: tuple[Path, Path]) -> None:
    FAULTS[fault](copies[0] / "reporters.csv")
    _check_pages([p for p in PAGES if p != "brief"], "reporters.csv", fault)
    assert not _render("brief", "reporters.csv", fault).exception


@pytest.mark.parametrize("file", list(FILE_PAGES))
def test_the_pages_of_each_missing_file_say_so(file: str, copies: tuple[Path, Path]) -> None:
    FAULTS["missing"](_folder(file, copies) / file)
    _check_pages([*FILE_PAGES[file], "sources"], file, "missing")


@pytest.mark.parametrize("file,fault", [("points.csv", "bad_value"), ("countries.csv", "empty"),
                                        ("world_countries.geojson", "truncated"), ("sources.csv", "cp1251"),
                                        ("regions.csv", "missing_column")])
def test_faults_that_once_took_pages_down(file: str, fault: str, copies: tuple[Path, Path]) -> None:
    FAULTS[fault](_folder(file, copies) / file)
    _check_pages(["overview", "victims", "migration", "regions"], file, fault)


def test_overview_says_when_a_card_cannot_be_computed(copies: tuple[Path, Path]) -> None:
    (copies[0] / "justice.csv").write_text("", encoding="utf-8")
    at = run_page("overview")
    assert not at.exception
    assert any("headline figures cannot be shown" in i.value and "Criminal justice" in i.value for i in at.info)
    assert len(at.metric) == 2  # the victims card and the councils card are still there


def test_sources_lists_problems_of_every_kind_of_file(copies: tuple[Path, Path]) -> None:
    FAULTS["bad_value"](copies[1] / "points.csv")
    FAULTS["missing"](copies[0] / "countries.csv")
    FAULTS["bad_value"](copies[0] / "justice.csv")
    at = run_page("sources")
    assert not at.exception
    problems = next(df.value for df in at.dataframe if "problem" in df.value.columns)
    found = {(r["file"], r["row"] if r["row"] == r["row"] else None, r["column"])
             for r in problems.to_dict("records")}
    assert ("points.csv", 2, "lat") in found
    assert ("justice.csv", 2, "lines") in found
    assert any(f == "countries.csv" for f, _r, _c in found)


# --- files changed under a running server ----------------------------------------------------

class Clock:
    """An injected clock: the loader's throttle and 'broken since' read it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.wall = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)

    def tick(self, seconds: float = 1.5) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(watch, "monotonic", lambda: c.now)
    monkeypatch.setattr(watch, "wallclock", lambda: c.wall)
    return c


def _without_last_row(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")


def test_a_changed_file_is_swapped_in_when_it_passes(copies, clock: Clock) -> None:
    path = copies[0] / "justice.csv"
    before = load.table("justice").height
    version = load.data_version()
    _without_last_row(path)
    assert load.table("justice").height == before  # checked at most once a second
    clock.tick()
    assert load.table("justice").height == before - 1
    assert load.data_version() > version  # figure caches are keyed by it
    assert load.load_all()["justice"].problems == ()


def test_a_broken_change_keeps_the_last_good_copy(copies, clock: Clock) -> None:
    path = copies[0] / "justice.csv"
    good = load.table("justice")
    version = load.data_version()
    rows = _csv_rows(path.read_text(encoding="utf-8"))
    rows[1][rows[0].index("measure")] = "not_a_measure"  # row 2 no longer passes
    path.write_text(_csv_text(rows), encoding="utf-8")
    clock.tick()
    assert load.table("justice").equals(good)  # the last good copy is still served
    assert load.data_version() == version
    problems = load.load_all()["justice"].problems
    assert any("changed on disk at 2026-03-01 09:30:00 UTC" in p.message for p in problems)
    assert any(p.row == 2 and p.column == "measure" for p in problems)
    assert ("justice.csv", clock.wall) in watch.broken_on_disk()
    # later edits keep the first moment it broke; a fix is swapped in and clears it
    clock.wall = datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
    path.write_text("", encoding="utf-8")
    clock.tick()
    assert any("09:30:00" in p.message for p in load.load_all()["justice"].problems)
    shutil.copy(DATA_DIR / "justice.csv", path)
    _without_last_row(path)
    clock.tick()
    assert load.table("justice").height == good.height - 1
    assert load.load_all()["justice"].problems == ()
    assert not [f for f, _ in watch.broken_on_disk() if f == "justice.csv"]


def test_a_broken_reference_table_keeps_its_last_good_copy(copies, clock: Clock) -> None:
    names = load.labels("reporters")
    assert names["nsc"]
    (copies[0] / "reporters.csv").unlink()
    clock.tick()
    assert load.labels("reporters") == names
    assert any(p.message == "file is missing" for p in watch.registered()["reporters"].problems())


def test_the_sources_page_says_which_file_broke_since_when(copies, clock: Clock) -> None:
    assert not run_page("sources").exception
    (copies[1] / "points.csv").write_text("region;lat;lon\nKG-C;1;2\n", encoding="utf-8")
    clock.tick()
    at = run_page("sources")
    assert not at.exception
    problems = next(df.value for df in at.dataframe if "problem" in df.value.columns)
    messages = " ".join(problems["problem"])
    assert "changed on disk at 2026-03-01 09:30:00 UTC" in messages and "separated by ';'" in messages
    assert any("map label points: the copy on disk has failed its checks since 2026-03-01 09:30 UTC" in w.value
               for w in at.warning)
    regions = run_page("regions")
    assert not regions.exception and _says_so(regions)


def test_real_files_untouched() -> None:
    for file in DATA_FILES:
        assert (DATA_DIR / file).stat().st_size > 100
    for file in GEO_FILES:
        assert (GEO_DIR / file).stat().st_size > 100


def test_figure_caches_are_keyed_by_the_data_version(copies, clock: Clock) -> None:
    from ui.figure_cache import cached_figure

    calls: list[int] = []

    @cached_figure
    def build(x: int) -> int:
        calls.append(x)
        return x

    load.table("justice")  # served before the change
    build(7)
    build(7)
    assert calls == [7]
    _without_last_row(copies[0] / "justice.csv")
    clock.tick()
    before = load.data_version()
    load.table("justice")  # the change is swapped in
    assert load.data_version() != before
    build(7)
    assert calls == [7, 7]  # a figure built from the old data is not served again


# --- metadata: data/meta/*.yml ---------------------------------------------------------------------

def _yaml_doc(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write_yaml(path: Path, doc: dict) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _meta_missing_key(path: Path) -> None:
    """A table without its title; the vocabularies: the first vocabulary without its terms."""
    doc = _yaml_doc(path)
    if path.name == "vocabularies.yml":
        doc[next(iter(doc))].pop("terms")
    else:
        doc.pop("title")
    _write_yaml(path, doc)


def _meta_unknown_vocabulary(path: Path) -> None:
    """A table's column names a vocabulary that does not exist; the vocabularies: one that
    justice.yml names is dropped."""
    doc = _yaml_doc(path)
    if path.name == "vocabularies.yml":
        doc.pop("offence")
    else:
        doc["columns"]["offence"]["checks"]["vocabulary"] = "no_such_vocabulary"
    _write_yaml(path, doc)


META_FAULTS = {
    "missing": lambda p: p.unlink(),
    "empty": lambda p: p.write_text("", encoding="utf-8"),
    "cp1251": lambda p: p.write_bytes(p.read_text(encoding="utf-8").encode("cp1251", errors="replace")),
    "not_yaml": lambda p: p.write_text("name: justice\ntitle: {en: [unclosed\n  - : :\n", encoding="utf-8"),
    "missing_key": _meta_missing_key,
    "unknown_vocabulary": _meta_unknown_vocabulary,
}
META_MESSAGES = {"missing": "file is missing", "empty": "file is empty", "cp1251": "file is not UTF-8",
                 "not_yaml": "file is not valid YAML", "missing_key": "title: missing in en, ru, ky",
                 "unknown_vocabulary": "column 'offence' names unknown vocabulary 'no_such_vocabulary'"}


@pytest.fixture
def meta(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of data/meta (RAPPORTEUR_META_DIR); the real files are never touched. Every file of
    the real folder has been read first (as a running app has): its last good copy."""
    monkeypatch.delenv("RAPPORTEUR_META_DIR", raising=False)
    metadata.tables(), metadata.derived_columns()
    copy = tmp_path / "meta"
    shutil.copytree(metadata.META_DIR, copy)
    monkeypatch.setenv("RAPPORTEUR_META_DIR", str(copy))
    return copy


@pytest.mark.parametrize("fault", list(META_FAULTS))
def test_a_broken_table_yml_is_named_and_the_last_good_copy_served(fault: str, meta: Path) -> None:
    good = metadata._last_good["justice.yml"]  # read from the real folder
    META_FAULTS[fault](meta / "justice.yml")
    problems = [p for p in load.problems() if p.file == "justice.yml"]
    assert problems and problems[0].message.startswith(META_MESSAGES[fault]), problems
    assert "last good copy" in problems[-1].message
    assert not [p for p in metadata.problems() if p.file != "justice.yml"]  # only the broken file
    assert metadata.table("justice") == good
    assert load.load_all()["justice"].frame.height == load.load_all(str(DATA_DIR))["justice"].frame.height


@pytest.mark.parametrize("fault", ["missing", "empty", "cp1251", "not_yaml", "missing_key", "unknown_vocabulary"])
def test_a_broken_vocabularies_yml_is_named(fault: str, meta: Path) -> None:
    path = meta / "vocabularies.yml"
    META_FAULTS[fault](path)
    problems = metadata.problems()
    if fault == "unknown_vocabulary":  # the file reads well; the table naming the dropped one does not
        assert [(p.file, p.message) for p in problems][0] == (
            "justice.yml", "column 'offence' names unknown vocabulary 'offence'")
        return
    assert {p.file for p in problems} == {"vocabularies.yml"}, problems
    expected = "vocabulary 'measure' needs title and terms" if fault == "missing_key" else META_MESSAGES[fault]
    assert problems[0].message.startswith(expected), problems
    assert "offence" in metadata.vocabularies() and metadata.labels("ru")[("unit", "persons")] != "persons"


def test_a_broken_yml_with_no_good_copy_gets_a_minimal_description(meta: Path, monkeypatch) -> None:
    """First read in a process (no good copy yet): the CSV header's columns, no vocabulary checks."""
    monkeypatch.setattr(metadata, "_last_good", {})
    (meta / "justice.yml").write_text("::: not yaml", encoding="utf-8")
    justice = metadata.table("justice")
    header = (DATA_DIR / "justice.csv").read_text(encoding="utf-8").split("\n", 1)[0].split(",")
    assert list(justice.columns) == header
    assert justice.title == {"en": "Justice"} and justice.key == ()
    assert not any(c.vocabulary or c.reference for c in justice.columns.values())
    assert justice.columns["value"].type == "float" and justice.columns["offence"].type == "string"
    assert "minimal description" in [p for p in metadata.problems() if p.file == "justice.yml"][-1].message
    loaded = load.load_all()["justice"]
    assert loaded.frame.height == load.load_all(str(DATA_DIR))["justice"].frame.height
    assert loaded.frame["value"].dtype == pl.Float64


def test_vocabularies_with_no_good_copy_drop_the_vocabulary_checks(meta: Path, monkeypatch) -> None:
    monkeypatch.setattr(metadata, "_last_good", {})
    (meta / "vocabularies.yml").unlink()
    assert metadata.vocabularies() == {} and metadata.labels("en") == {}
    assert metadata.table("justice").columns["measure"].vocabulary is None  # the table itself is fine
    assert [p.file for p in metadata.problems()] == ["vocabularies.yml", "vocabularies.yml"]
    assert load.load_all()["justice"].problems == ()


def test_a_fixed_yml_is_picked_up(meta: Path, clock: Clock) -> None:
    good = (meta / "justice.yml").read_bytes()
    assert metadata.table("justice").title["en"] == "Criminal justice"
    (meta / "justice.yml").write_text("", encoding="utf-8")
    clock.tick()
    assert metadata.table("justice").title["en"] == "Criminal justice"  # the last good copy
    assert any("changed on disk" in p.message for p in metadata.problems())
    (meta / "justice.yml").write_bytes(good.replace(b"en: Criminal justice", b"en: Criminal justice (fixed)"))
    clock.tick()
    assert metadata.table("justice").title["en"] == "Criminal justice (fixed)"
    assert metadata.problems() == []


@pytest.mark.parametrize("file,fault", [("vocabularies.yml", "not_yaml"), ("justice.yml", "missing"),
                                        ("catalogue.yml", "cp1251")])
def test_every_page_renders_with_a_broken_yml(file: str, fault: str, meta: Path, monkeypatch) -> None:
    """vocabularies.yml with a good copy read before; justice.yml and the catalogue with none
    (the minimal descriptions: a fresh server started on a broken file)."""
    if file != "vocabularies.yml":
        monkeypatch.setattr(metadata, "_last_good", {})
    META_FAULTS[fault](meta / file)
    for page in PAGES:
        at = run_page(page)
        assert not at.exception, f"{file} {fault}: {page}: {at.exception}"
        assert not re.search(r"\bNone\b", visible_text(at)), f"{file} {fault}: {page} shows None"
        if page == "sources":
            problems = next(df.value for df in at.dataframe if "problem" in df.value.columns)
            assert file in set(problems["file"])


# --- message catalogues ---------------------------------------------------------------------------

@pytest.mark.parametrize("fault", ["missing", "empty", "garbage"])
def test_a_broken_catalogue_falls_back_to_english(fault: str, tmp_path: Path, monkeypatch, caplog) -> None:
    import i18n

    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    for file in (locale / "ru" / "LC_MESSAGES").iterdir():
        {"missing": lambda p: p.unlink(), "empty": lambda p: p.write_bytes(b""),
         "garbage": lambda p: p.write_bytes(b"\xff\xfe not a catalogue \x00" * 20)}[fault](file)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.catalogue.cache_clear()
    try:
        with caplog.at_level("WARNING", logger="i18n"), i18n.using("ru"):
            assert i18n._("Sources") == "Sources"
            assert i18n.ngettext("{n} row", "{n} rows", 3) == "3 rows"
        with i18n.using("ky"):
            assert i18n._("Sources") != "Sources"  # the other languages are not affected
        assert len([r for r in caplog.records if "catalogue for ru" in r.getMessage()]) == 1
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()


def test_a_table_whose_vocabulary_went_keeps_its_last_good_copy_without_that_check(meta: Path) -> None:
    _meta_unknown_vocabulary(meta / "vocabularies.yml")  # 'offence' dropped from a file that reads well
    justice = metadata.table("justice")
    assert [p.message for p in metadata.problems()][0] == "column 'offence' names unknown vocabulary 'offence'"
    assert justice.columns["offence"].vocabulary is None and justice.columns["measure"].vocabulary == "measure"
    from data.dictionary import columns_frame

    assert "offence" in columns_frame("en", ["justice"])["column"].to_list()


def test_a_broken_catalogue_yml_is_named(meta: Path, monkeypatch) -> None:
    names = tuple(load.DATASETS)  # the datasets of the real catalogue
    META_FAULTS["not_yaml"](meta / "catalogue.yml")
    assert metadata.dataset_names() == names  # the last good copy
    assert [p.file for p in metadata.problems()] == ["catalogue.yml", "catalogue.yml"]
    assert metadata.problems()[0].message.startswith("file is not valid YAML")
    monkeypatch.setattr(metadata, "_last_good", {})
    (meta / "catalogue.yml").unlink()
    fresh = meta.parent / "meta2"  # a folder read for the first time, with no good copy in the process
    shutil.copytree(meta, fresh)
    monkeypatch.setenv("RAPPORTEUR_META_DIR", str(fresh))
    assert set(metadata.dataset_names()) == set(names)  # the tables are the yml files beside it
    assert metadata.reference_names() == ("sources", "regions", "reporters", "countries")
    assert metadata.pattern("lines") == metadata.ANY and metadata.table("justice").columns["lines"].check("pattern") is None
    assert "minimal description" in metadata.problems()[1].message
    assert load.load_all()["justice"].frame.height == load.load_all(str(DATA_DIR))["justice"].frame.height
