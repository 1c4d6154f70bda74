"""Before publishing, the desk draws the affected pages' charts with the import's data (the
public trends chart, from a staged folder read by the public loader), marked as not yet
published; the public app never sees that folder."""
from __future__ import annotations

from datetime import datetime

import pytest

from data import load
from data.releases import current_data_dir
from desk import importer, preview, store
from desk.documents import register
from tests.test_desk_import import ASSISTANCE, DOCUMENT, JUSTICE, OLD_YEAR, workbook


@pytest.fixture
def checked(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("RAPPORTEUR_DATA_DIR", raising=False)
    eng = store.ensure(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    register(eng, DOCUMENT.encode(), title="Annual statistics 2024", publisher="The office", year=2024,
             language="English", who="ana", doc_id="office-2024")
    result = importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR), ("assistance", ASSISTANCE)),
                            "office-2024", "en")
    assert result.ok, result.problems
    return eng, result


def _points(figure, name=None) -> set[tuple]:
    return {(x, y) for t in figure.data if name is None or t.name == name
            for x, y in zip(t.x, t.y) if y is not None}


def test_the_preview_draws_the_imported_figures(checked):
    eng, result = checked
    after = store.apply_payload(store.release_tables(eng)[0], result.payload)
    charts = {c.dataset: c for c in preview.charts(after, preview.imported_ids(result))}
    assert set(charts) == {"justice", "assistance"}  # only the datasets the import changes
    justice = charts["justice"].figure
    # the new figures on the reporter's line, and ringed as not yet published
    assert {(2024, 17.0), (2016, 9.0)} <= _points(justice, "National Rapporteur")
    assert _points(justice, "New, not yet published") == {(2024, 17.0), (2016, 9.0)}
    assert justice.layout.meta["title"] == "Not yet published: Criminal justice"
    # with the other sources' figures of the same series (registered trafficking crimes)
    assert {t.name for t in justice.data} >= {"NSC", "National Rapporteur"}
    assert (2024, 1234.0) in _points(charts["assistance"].figure, "New, not yet published")
    # the staged folder is the desk's own; nothing points the public app at it
    assert all(p.parent.name == preview.FOLDER for p in (preview.staged_folder(after),))
    assert current_data_dir() is None
    public = load.loaded_datasets()["justice"].frame
    assert "office-2024" not in public["source"].to_list()
    assert load.data_dir() is None  # the public app still reads the shipped data


def test_nothing_changed_means_no_preview(checked):
    eng, result = checked
    tables = store.release_tables(eng)[0]
    assert preview.charts(tables, {"justice": [], "assistance": []}) == []


def test_a_changed_figure_is_ringed_with_its_new_value(checked):
    eng, result = checked
    importer.stage(eng, result, "ana")
    store.publish(eng, "office 2024", "ana", check=importer.release_problems)
    _h, rows = store.read_csv(store.release_tables(eng)[0]["justice"])
    mine = {r["year"]: r["id"] for r in rows if r["source"] == "office-2024"}
    corrected = importer.check(eng, workbook(("justice", {**JUSTICE, "id": mine["2024"]}),
                                             ("justice", {**OLD_YEAR, "id": mine["2016"], "note": "revised"}),
                                             ("assistance", ASSISTANCE)), "office-2024", "en")
    assert corrected.ok, corrected.problems
    ids = preview.imported_ids(corrected)
    assert ids["justice"] == [mine["2016"]]
    after = store.apply_payload(store.release_tables(eng)[0], corrected.payload)
    chart = next(c for c in preview.charts(after, ids) if c.dataset == "justice")
    assert _points(chart.figure, "New, not yet published") == {(2016, 9.0)}


def test_a_figure_for_several_years_is_listed_not_drawn(checked):
    eng, _result = checked
    several = {**JUSTICE, "year": None, "period_start": datetime(2023, 1, 1), "period_end": datetime(2024, 12, 31)}
    result = importer.check(eng, workbook(("justice", several), ("justice", OLD_YEAR)), "office-2024", "en")
    assert result.ok, result.problems
    after = store.apply_payload(store.release_tables(eng)[0], result.payload)
    [chart] = preview.charts(after, preview.imported_ids(result))
    assert _points(chart.figure, "New, not yet published") == {(2016, 9.0)}
    assert chart.not_drawn == ["Registered crimes · Trafficking in persons · Headline total: 17 cases (2023–2024)"]
