"""Data faults never take the app down: with broken copies of the datasets (never the
real files), every page still renders what is valid and Sources lists the problems."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from data.metadata import reference_names
from data.schemas import DATA_DIR, datasets
from tests.apptest import PAGES, page_title, run_page


def _truncate(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: len(text) // 2], encoding="utf-8")


def _wrong_header(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = lines[0].replace("source", "sauce").replace("value", "valeur")
    path.write_text("\n".join(lines), encoding="utf-8")


def _bad_rows(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split(",")
    for i in range(1, min(6, len(lines) - 1)):
        cells = lines[i].split(",")
        if len(cells) == len(header):
            cells[header.index("source")] = "unknown-doc"
            lines[i] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


FAULTS = {
    "missing": lambda p: p.unlink(),
    "empty": lambda p: p.write_text("", encoding="utf-8"),
    "truncated": _truncate,
    "wrong_header": _wrong_header,
    "bad_encoding": lambda p: p.write_bytes(p.read_bytes().replace(b"a", b"\xff", 3)),
    "bad_rows": _bad_rows,
}


@pytest.fixture(scope="module", params=list(FAULTS))
def broken_folder(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """One folder per fault, shared by the tests of this module (they only read it)."""
    folder = tmp_path_factory.mktemp(f"broken-{request.param}")
    for name in (*reference_names(), "conflicts"):  # intact: this test breaks the datasets
        shutil.copy(DATA_DIR / f"{name}.csv", folder / f"{name}.csv")
    for ds in datasets().values():
        shutil.copy(DATA_DIR / ds.file, folder / ds.file)
        FAULTS[request.param](folder / ds.file)
    return request.param, folder


@pytest.fixture
def broken_data(broken_folder: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> str:
    fault, folder = broken_folder
    monkeypatch.setenv("RAPPORTEUR_DATA_DIR", str(folder))
    return fault


# (fault, page) -> the page rendered from that fault's folder: both tests read Sources.
_RENDERED: dict[tuple[str, str], object] = {}


def _render(fault: str, page: str):
    if (fault, page) not in _RENDERED:
        _RENDERED[fault, page] = run_page(page)
    return _RENDERED[fault, page]


def test_every_page_survives(broken_data: str) -> None:
    for page in PAGES:
        at = _render(broken_data, page)
        assert not at.exception, f"{broken_data}: {page}: {at.exception}"
        assert at.title and at.title[0].value.lower() == page_title(page).lower()


def test_sources_page_lists_the_problems(broken_data: str) -> None:
    at = _render(broken_data, "sources")
    assert not at.exception
    assert any("set aside" in w.value for w in at.warning)
    problems = next(df.value for df in at.dataframe if "problem" in df.value.columns)
    assert len(problems) >= 1
    assert set(problems["file"]) <= {ds.file for ds in datasets().values()}


def test_real_files_untouched() -> None:
    for ds in datasets().values():
        assert ds.path.exists() and ds.path.stat().st_size > 100
