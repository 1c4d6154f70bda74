"""The desk's database, migrations, releases, publish/rollback and the folder the app reads
(SQLite and, when its binaries are present, a throwaway PostgreSQL: tests/pg.py)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from desk import db, store
from desk.release import current_data_dir, point_to, release_info, sync_current
from tests.pg import desk_url, pg_server  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[1]


def _payload(tables: dict[str, str], value: str = "413") -> dict:
    """An import of unodc-2022's justice rows with the first one's value changed."""
    _, rows = store.read_csv(tables["justice"])
    mine = [r for r in rows if r["source"] == "unodc-2022"]
    assert mine[0]["id"] == "justice-0001" and mine[0]["value"] == "412"
    mine[0] = {**mine[0], "value": value}
    return {"source": "unodc-2022", "tables": {"justice": mine}}


def _value(tables: dict[str, str], row_id: str) -> str:
    _, rows = store.read_csv(tables["justice"])
    return next(r["value"] for r in rows if r["id"] == row_id)


def test_migrations_from_empty(desk_url):
    eng = db.engine(desk_url)
    assert db.migrate(eng) == len(db.migrations()) == 2
    insp = sa.inspect(eng)
    assert {"schema_version", "releases", "release_tables", "documents", "audit_log",
            "staged_imports"} <= set(insp.get_table_names())
    assert "restores" in {c["name"] for c in insp.get_columns("releases")}
    assert db.migrate(eng) == 2  # applying again changes nothing


def test_migration_from_previous_version_keeps_data(desk_url):
    eng = db.engine(desk_url)
    assert db.migrate(eng, upto=1) == 1
    with eng.begin() as conn:
        conn.execute(sa.text("INSERT INTO releases (number, created, who, note) VALUES (1, 't', 'ana', 'first')"))
    assert db.migrate(eng) == 2
    with eng.connect() as conn:
        row = conn.execute(sa.text("SELECT number, who, note, restores FROM releases")).one()
        assert tuple(row) == (1, "ana", "first", None)
        assert [v for (v,) in conn.execute(sa.text("SELECT version FROM schema_version ORDER BY version"))] == [1, 2]


def test_release_one_is_the_shipped_csvs(desk_url):
    eng = store.ensure(desk_url)
    tables, info = store.release_tables(eng)
    assert info["number"] == 1 and info["who"] == "system"
    shipped = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "data").glob("*.csv")}
    assert tables == shipped and "justice" in tables and "sources" in tables
    store.ensure(desk_url)  # a second start adds nothing
    assert [r["number"] for r in store.releases(eng)] == [1]


def test_publish_then_rollback_is_a_new_release_each_time(desk_url):
    eng = store.ensure(desk_url)
    with pytest.raises(store.DeskError):
        store.publish(eng, "nothing staged", "ana")
    store.stage(eng, _payload(store.release_tables(eng)[0]), "ana", "sha")
    assert store.publish(eng, "UNODC correction", "ana") == 2
    tables2, info2 = store.release_tables(eng)
    assert info2["note"] == "UNODC correction" and _value(tables2, "justice-0001") == "413"
    assert _value(tables2, "justice-0002") == "254"  # the other rows are untouched
    assert store.staged(eng) == []
    assert store.rollback(eng, 1, "bek") == 3
    tables3, info3 = store.release_tables(eng)
    assert info3["restores"] == 1 and tables3 == store.release_tables(eng, 1)[0]
    assert [r["number"] for r in store.releases(eng)] == [3, 2, 1]  # nothing deleted
    with pytest.raises(store.DeskError):
        store.rollback(eng, 3, "bek")  # not an earlier release
    log = [(r["who"], r["action"]) for r in store.audit_log(eng)]
    assert log == [("system", "release"), ("ana", "import"), ("ana", "publish"), ("bek", "rollback")]


def test_refused_publish_saves_nothing(desk_url):
    eng = store.ensure(desk_url)
    store.stage(eng, _payload(store.release_tables(eng)[0]), "ana", "sha")

    def refuse(tables):
        assert _value(tables, "justice-0001") == "413"
        return ["justice, row 2: a problem"]

    with pytest.raises(store.DeskError, match="a problem"):
        store.publish(eng, "note", "ana", check=refuse)
    assert store.current_release(eng) == 1 and len(store.staged(eng)) == 1
    assert [r["action"] for r in store.audit_log(eng)] == ["release", "import"]


def test_sync_materialises_and_switches_the_folder(desk_url, tmp_path):
    eng = store.ensure(desk_url)
    a, b = tmp_path / "replica-a", tmp_path / "replica-b"
    assert sync_current(desk_url, a) == 1 and sync_current(desk_url, b) == 1
    assert current_data_dir(a) is None and current_data_dir(b) is None  # release 1 = data/ itself
    store.stage(eng, _payload(store.release_tables(eng)[0]), "ana", "sha")
    store.publish(eng, "two", "ana")
    assert current_data_dir(a) is None  # until the replica syncs
    assert sync_current(desk_url, a) == 2
    first = current_data_dir(a)
    assert first == str((a / "releases" / "2").resolve())
    assert (Path(first) / "sources.csv").read_text(encoding="utf-8") == (ROOT / "data/sources.csv").read_text(
        encoding="utf-8")
    info = release_info(current_data_dir(a))
    assert (info["number"], info["note"], info["who"]) == (2, "two", "ana")
    assert info["changes"] == {"justice": {"new": 0, "removed": 0, "changed": 1}}
    assert [h["number"] for h in info["history"]] == [2, 1]
    # the loader reads a release folder like data/ (and, with the documents at hand, refuses the
    # made-up 413, which its cited lines do not print: why the desk checks every import first)
    from data.load import citations_checked, load_all

    loaded = load_all(current_data_dir(a))["justice"]
    shipped = load_all(None)["justice"]
    assert loaded.frame.height == shipped.frame.height - citations_checked()
    if citations_checked():
        assert [p.message for p in loaded.problems if p not in shipped.problems] == [
            "413 is not printed in the cited lines 190-194"]
    assert _value({"justice": (Path(current_data_dir(a)) / "justice.csv").read_text()}, "justice-0001") == "413"
    assert current_data_dir(b) is None
    assert sync_current(desk_url, b) == 2 and release_info(current_data_dir(b))["number"] == 2
    store.rollback(eng, 1, "bek")
    assert sync_current(desk_url, a) == 3
    third = current_data_dir(a)
    assert third == str((a / "releases" / "3").resolve()) and release_info(third)["restores"] == 1
    assert (Path(third) / "justice.csv").read_text(encoding="utf-8") == (ROOT / "data/justice.csv").read_text(
        encoding="utf-8")
    assert Path(first).is_dir()  # the old release folder stays for readers still on it


def test_current_data_dir_without_a_release(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path))
    assert current_data_dir() is None
    (tmp_path / "releases" / "7").mkdir(parents=True)
    os.symlink("releases/9", tmp_path / "current")  # dangling
    assert current_data_dir() is None
    point_to(tmp_path, tmp_path / "releases" / "7")  # a folder without release.json is not a release
    assert current_data_dir() is None
    (tmp_path / "releases" / "7" / "release.json").write_text('{"number": 7}')
    assert current_data_dir() == str((tmp_path / "releases" / "7").resolve())
    assert os.readlink(tmp_path / "current") == os.path.join("releases", "7")


def test_the_hook_imports_nothing_heavy():
    code = ("import sys; import data.releases as r; r.current_data_dir(); "
            "print(sorted(m for m in ('sqlalchemy', 'streamlit', 'polars', 'desk.db') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_public_app_reads_the_published_release(tmp_path, monkeypatch):
    from data.load import DATA_DIR, data_dir, folder

    monkeypatch.delenv("RAPPORTEUR_DATA_DIR", raising=False)
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path))
    assert data_dir() is None and folder() == DATA_DIR  # nothing published: the shipped CSVs
    (tmp_path / "releases" / "2").mkdir(parents=True)
    (tmp_path / "releases" / "2" / "release.json").write_text('{"number": 2}')
    point_to(tmp_path, tmp_path / "releases" / "2")
    assert data_dir() == str((tmp_path / "releases" / "2").resolve())
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(DATA_DIR))  # an explicit folder still wins
    assert data_dir() == str(DATA_DIR)


def test_exports_name_their_release(tmp_path, monkeypatch):
    import io

    from openpyxl import load_workbook

    from exports.excel import _workbook, release_number

    folder = tmp_path / "releases" / "4"
    folder.mkdir(parents=True)
    for p in (ROOT / "data").glob("*.csv"):
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "release.json").write_text('{"number": 4, "note": "x"}', encoding="utf-8")
    assert release_number(str(folder)) == 4 and release_number(None) is None
    assert release_number(str(tmp_path)) is None
    book = load_workbook(io.BytesIO(_workbook(str(folder))))
    assert book.custom_doc_props["release"].value == 4
    assert book.properties.description == "data release 4"
    import polars as pl

    from exports.csv import csv_bytes

    frame = pl.DataFrame({"value": [1.0]})
    monkeypatch.delenv("RAPPORTEUR_DATA_DIR", raising=False)
    # BOM, the header row in the reader's language, the row of column ids, then the figures
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["value", "1"]
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(folder))
    lines = csv_bytes(frame).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["value,release", "1,4"]


def test_two_releases_at_the_same_moment(desk_url):
    eng = store.ensure(desk_url)
    store.stage(eng, _payload(store.release_tables(eng)[0]), "ana", "sha")

    def meanwhile(tables):  # another member of staff publishes while this release is being made
        with eng.begin() as conn:
            conn.execute(sa.text("INSERT INTO releases (number, created, who, note) VALUES (2, 't', 'bek', 'x')"))
        return []

    with pytest.raises(store.DeskError, match="same moment"):
        store.publish(eng, "mine", "ana", check=meanwhile)
    assert len(store.staged(eng)) == 1  # still waiting, nothing of it saved
    assert [r["who"] for r in store.releases(eng)] == ["bek", "system"]
