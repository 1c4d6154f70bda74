"""The Sources page says which data release it shows: number, date, the staff's note, what
changed (dataset by its title, rows new / changed / removed) and every earlier release, a
rollback in the reader's words; with the shipped data, one line saying so. (AppTest, with
RAPPORTEUR_DATA_DIR at a copy of data/*.csv plus a release.json written here in the shape
desk/release.py's sync_current writes.)"""
from __future__ import annotations

import json
import shutil

import pytest

from tests.apptest import run_page, visible_text
from tests.conftest import ROOT

RELEASE = {
    "number": 4, "created": "2026-03-02T10:15:00+00:00", "who": "ana", "note": "Office figures for 2025",
    "restores": None,
    "changes": {"justice": {"new": 2, "changed": 1, "removed": 0},
                "sources": {"new": 1, "changed": 0, "removed": 0}},
    "history": [
        {"number": 1, "created": "2026-01-01T00:00:00+00:00", "note": "shipped data", "restores": None},
        {"number": 2, "created": "2026-02-01T09:00:00+00:00", "note": "Corrected 2023 figure", "restores": None},
        {"number": 3, "created": "2026-02-10T09:00:00+00:00", "note": "rollback to release 1", "restores": 1},
        {"number": 4, "created": "2026-03-02T10:15:00+00:00", "note": "Office figures for 2025", "restores": None},
    ],
}


@pytest.fixture
def release_folder(tmp_path, monkeypatch):
    folder = tmp_path / "releases" / "4"
    folder.mkdir(parents=True)
    for csv in (ROOT / "data").glob("*.csv"):
        shutil.copy(csv, folder / csv.name)
    (folder / "release.json").write_text(json.dumps(RELEASE), encoding="utf-8")
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(folder))
    return folder


def _tables(at) -> list:
    return [t.value for t in at.table]


def test_sources_page_shows_the_published_release(release_folder):
    at = run_page("sources", {"lang": "en"})
    assert not at.exception, at.exception
    text = visible_text(at)
    assert "Release 4 of 2026-03-02" in text and "Office figures for 2025" in text
    assert "shipped with the app; no later release" not in text
    changes = next(t for t in _tables(at) if "Removed" in t.columns)
    rows = {r["Dataset"]: (r["New"], r["Changed"], r["Removed"]) for r in changes.to_dict("records")}
    assert rows["Criminal justice"] == ("2", "1", "0")  # the dataset by its title, never its id
    assert "justice" not in rows and len(rows) == 2
    history = next(t for t in _tables(at) if "Note" in t.columns and "Release" in t.columns)
    earlier = {r["Release"]: (r["Date"], r["Note"]) for r in history.to_dict("records")}
    assert earlier == {"3": ("2026-02-10", "Restores release 1"), "2": ("2026-02-01", "Corrected 2023 figure"),
                       "1": ("2026-01-01", "The curated first release, shipped with the app")}
    assert list(history["Release"]) == ["3", "2", "1"]  # newest first, this release not repeated
    everything = text + "".join(t.to_string() for t in _tables(at))
    # notes the desk wrote itself are worded by the page; who published is staff-only
    assert "rollback to release" not in everything and "shipped data" not in everything
    assert "ana" not in everything.split()


def test_a_rollback_release_says_what_it_restores(release_folder):
    info = {**RELEASE, "number": 5, "note": "rollback to release 2", "restores": 2, "created": "2026-03-05T08:00:00",
            "history": [*RELEASE["history"], {"number": 5, "created": "2026-03-05T08:00:00",
                                              "note": "rollback to release 2", "restores": 2}]}
    (release_folder / "release.json").write_text(json.dumps(info), encoding="utf-8")
    at = run_page("sources", {"lang": "en"})
    assert not at.exception, at.exception
    text = visible_text(at)
    assert "Release 5 of 2026-03-05" in text and "Restores release 2" in text
    history = next(t for t in _tables(at) if "Note" in t.columns and "Release" in t.columns)
    assert list(history["Release"]) == ["4", "3", "2", "1"]


def test_sources_page_with_the_shipped_data_says_so(monkeypatch, tmp_path):
    monkeypatch.delenv("RAPPORTEUR_DATA_DIR", raising=False)
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path))  # nothing published there
    at = run_page("sources", {"lang": "en"})
    assert not at.exception, at.exception
    text = visible_text(at)
    assert "curated first release, shipped with the app; no later release has been published" in text
    assert "Release 4" not in text and not any("Removed" in t.columns for t in _tables(at))
