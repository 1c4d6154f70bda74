"""What the public pages will say about the release they show (data/releases.py release_summary):
number, date, note, what changed and every release, read from the release folder's release.json."""
from __future__ import annotations

import json
from datetime import date

from data.releases import Change, Release, ReleaseSummary, release_summary
from desk import store
from desk.release import current_data_dir, point_to, sync_current
from tests.pg import desk_url, pg_server  # noqa: F401  (fixtures)
from tests.test_desk_release import _payload


def test_summary_from_a_release_file(tmp_path, monkeypatch):
    folder = tmp_path / "releases" / "3"
    folder.mkdir(parents=True)
    (folder / "release.json").write_text(json.dumps({
        "number": 3, "created": "2026-03-02T10:15:00+00:00", "who": "ana", "note": "Office figures 2025",
        "restores": None, "changes": {"sources": {"new": 1, "changed": 0, "removed": 0},
                                      "justice": {"new": 2, "changed": 1, "removed": 0}},
        "history": [{"number": 3, "created": "2026-03-02T10:15:00+00:00", "note": "Office figures 2025",
                     "restores": None},
                    {"number": 1, "created": "2026-01-01T00:00:00+00:00", "note": "shipped data", "restores": None},
                    {"number": 2, "created": "2026-02-01T09:00:00+00:00", "note": "rollback to release 1",
                     "restores": 1}]}), encoding="utf-8")
    assert release_summary(folder) == ReleaseSummary(
        Release(3, date(2026, 3, 2), "Office figures 2025", None),
        (Change("justice", 2, 1, 0), Change("sources", 1, 0, 0)),
        (Release(3, date(2026, 3, 2), "Office figures 2025", None),
         Release(2, date(2026, 2, 1), "rollback to release 1", 1),
         Release(1, date(2026, 1, 1), "shipped data", None)))
    # who published it is staff-only
    assert "ana" not in repr(release_summary(folder))
    # the default is the folder the public app reads: nothing published -> nothing to say
    monkeypatch.delenv("RAPPORTEUR_DATA_DIR", raising=False)
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path))
    assert release_summary() is None
    point_to(tmp_path, folder)
    assert release_summary().release.number == 3


def test_a_damaged_or_old_release_file(tmp_path):
    assert release_summary(tmp_path) is None  # no release.json: the shipped data
    (tmp_path / "release.json").write_text("{not json", encoding="utf-8")
    assert release_summary(tmp_path) is None
    (tmp_path / "release.json").write_text('{"number": 2, "note": 5, "created": "yesterday", '
                                           '"changes": {"justice": {"new": "x"}}, "history": ["junk"]}',
                                           encoding="utf-8")
    assert release_summary(tmp_path) == ReleaseSummary(Release(2, None, "", None), (Change("justice", 0, 0, 0),),
                                                       (Release(2, None, "", None),))


def test_summary_of_published_and_rolled_back_releases(desk_url):
    eng = store.ensure(desk_url)
    store.stage(eng, _payload(store.release_tables(eng)[0]), "ana", "sha")
    store.publish(eng, "Corrected 2023 figure", "ana")
    sync_current(desk_url)
    two = release_summary(current_data_dir())
    assert (two.release.number, two.release.note, two.release.restores) == (2, "Corrected 2023 figure", None)
    assert two.release.date == date.fromisoformat(store.releases(eng)[0]["created"][:10])
    assert two.changes == (Change("justice", 0, 1, 0),)
    assert [(r.number, r.note) for r in two.history] == [(2, "Corrected 2023 figure"), (1, "shipped data")]
    store.rollback(eng, 1, "bek")
    sync_current(desk_url)
    three = release_summary(current_data_dir())
    assert (three.release.number, three.release.restores, three.release.note) == (3, 1, "rollback to release 1")
    assert three.changes == (Change("justice", 0, 1, 0),)
    assert [r.number for r in three.history] == [3, 2, 1]
