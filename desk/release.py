"""Releases on disk: the folder the public app reads, switched atomically.

A release's CSVs are written once into `<home>/releases/<n>/` (never changed afterwards), then
`<home>/current` -- a symlink -- is replaced in one `os.replace` of a freshly made link, so a
reader sees either the old folder or the new one, never half of each. `<home>` is `.desk/`
beside the app unless RAPPORTEUR_DESK_HOME names another folder.

`current_data_dir()` is the hook for the public app (data/load.py's `data_dir()` falls back to
it when RAPPORTEUR_DATA_DIR is not set); it lives in data/releases.py, which reads only files, so
the public app never loads the desk or its database driver. `sync_current(url, folder)` is what each replica calls
(at start and periodically) to bring its own folder to the database's current release.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

# The reading side lives in data/ (the public app uses it without loading the desk).
from data.releases import INFO, POINTER, current_data_dir, desk_home, release_info  # noqa: F401  (re-exported)


DOCUMENTS = "sources"  # a release folder's sub-folder holding the texts of the documents it cites


def materialise(tables: dict[str, str], info: dict, folder: Path, documents: dict[str, str] | None = None) -> Path:
    """Write a release's CSVs into `folder/releases/<n>/` (once: an existing complete copy is kept),
    with `documents` (file name in sources.csv -> text) in its `sources/` folder, so the public
    loader checks every citation against the exact registered text."""
    target = folder / "releases" / str(info["number"])
    if (target / INFO).is_file():
        return target
    staging = folder / "releases" / f".{info['number']}.{os.getpid()}.tmp"
    staging.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (staging / f"{name}.csv").write_text(text, encoding="utf-8", newline="")
    if documents:
        (staging / DOCUMENTS).mkdir()
        for file, text in documents.items():
            (staging / DOCUMENTS / file).write_text(text, encoding="utf-8", newline="")
    (staging / INFO).write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    try:
        os.replace(staging, target)
    except OSError:  # another process finished the same release first
        import shutil

        shutil.rmtree(staging, ignore_errors=True)
    return target


def point_to(folder: Path, target: Path) -> None:
    """Atomically make `folder/current` point at `target` (a relative link, so the folder can move)."""
    link = folder / POINTER
    temp = folder / f".{POINTER}.{os.getpid()}.tmp"
    if temp.is_symlink() or temp.exists():
        temp.unlink()
    os.symlink(os.path.relpath(target, folder), temp)
    os.replace(temp, link)


def sync_current(url: str | None = None, folder: str | Path | None = None) -> int:
    """Bring `folder` (default: the desk home) to the database's current release; its number.

    Release 1 is the CSVs shipped in data/: until something is published the folder stays
    without a pointer and the app keeps reading data/ (so `make run` follows the checkout)."""
    from desk import store

    folder = Path(folder) if folder else desk_home()
    eng = store.ensure(url)
    number = store.current_release(eng)
    info = release_info(current_data_dir(folder))
    if (info and info.get("number") == number) or (number == 1 and info is None):
        return number
    folder.mkdir(parents=True, exist_ok=True)
    tables, meta = store.release_tables(eng, number)
    # for the public Sources page: what this release changed, and every release so far
    meta = {**meta, "changes": store.changes(eng, number),
            "history": [{k: r[k] for k in ("number", "created", "note", "restores")} for r in store.releases(eng)]}
    documents = release_documents(eng, tables)
    meta["documents"] = {file: store.sha256(text) for file, text in sorted(documents.items())}
    point_to(folder, materialise(tables, meta, folder, documents))
    return number


def release_documents(eng, tables: dict[str, str]) -> dict[str, str]:
    """file name -> text of every registered document that the release's sources.csv lists
    (a name that is not a plain file name is skipped: it could not be written safely)."""
    from desk import store

    out = {}
    _header, rows = store.read_csv(tables.get("sources", ""))
    for row in rows:
        file = row.get("file") or ""
        if not file or Path(file).name != file or file.startswith("."):
            continue
        doc = store.document(eng, row["source"])
        if doc is not None:
            out[file] = doc["text"]
    return out
