"""Which folder holds the published data release: the public app's side of the data desk.

The desk (`desk/`) writes each published release once into `<home>/releases/<n>/` and then
replaces the symlink `<home>/current` in one `os.replace`, so a reader sees the old folder or
the new one, never half of each. `<home>` is `.desk/` beside the app unless
RAPPORTEUR_DESK_HOME names another folder. Until something is published there is no link,
and the app reads the shipped CSVs in data/. This module reads only files: the public app
never loads the desk or its database driver.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POINTER = "current"
INFO = "release.json"  # number, created, who, note, restores, changes, history of the release in a folder
# The note the desk gives a rollback when staff write none, and release 1's note (the shipped
# CSVs): the public Sources page words both itself, in the reader's language.
ROLLBACK_NOTE = "rollback to release {number}"
FIRST_NOTE = "shipped data"


def desk_home() -> Path:
    """The desk's own folder: `.desk/` beside the app (git-ignored), or RAPPORTEUR_DESK_HOME."""
    return Path(os.environ.get("RAPPORTEUR_DESK_HOME") or ROOT / ".desk")


_pointed: dict[str, tuple[str, str]] = {}  # pointer -> (its link text, the release folder it names)


def current_data_dir(home: str | Path | None = None) -> str | None:
    """The folder of the published release, or None when nothing was ever published here
    (then the app reads the shipped CSVs in data/).

    A page asks for the folder hundreds of times a run, and resolving the link each time was
    most of the Sources page's server time: the link's text is read each time (one system
    call), and a release folder already found for the same text is not looked up again (a
    publish or rollback writes a new link, naming another folder)."""
    pointer = (Path(home) if home else desk_home()) / POINTER
    try:
        link: str | None = os.readlink(pointer)
    except FileNotFoundError:
        return None
    except OSError:
        link = None  # not a link (a folder put there by hand): looked up each time
    hit = _pointed.get(str(pointer))
    if link is not None and hit is not None and hit[0] == link:
        return hit[1]
    try:
        target = pointer.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    found = str(target) if (target / INFO).is_file() else None
    if found and link is not None:
        _pointed[str(pointer)] = (link, found)
    return found


def release_info(folder: str | Path | None) -> dict | None:
    """What release a data folder holds ({"number", "created", "who", "note", ...}), or None for data/."""
    if not folder:
        return None
    try:
        return json.loads((Path(folder) / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# --- what the public pages say about the release they show ---------------------------------------

@dataclass(frozen=True)
class Change:
    """What a release changed in one table (by its id, e.g. "justice"), in rows."""

    table: str
    new: int
    changed: int
    removed: int


@dataclass(frozen=True)
class Release:
    """One release as readers see it: number, date (UTC), the staff's note, the release it restores
    (a rollback) or None; who published it is left out (staff names are not public)."""

    number: int
    date: date | None
    note: str
    restores: int | None


@dataclass(frozen=True)
class ReleaseSummary:
    """The release the public app shows, what it changed against the one before, and every
    release so far (newest first, this one included)."""

    release: Release
    changes: tuple[Change, ...]
    history: tuple[Release, ...]


def _date(value) -> date | None:
    try:
        return datetime.fromisoformat(str(value)).date()
    except (TypeError, ValueError):
        return None


def _int(value) -> int | None:
    try:
        return int(value) if value is not None and not isinstance(value, bool) else None
    except (TypeError, ValueError):
        return None


def _release(entry: dict) -> Release | None:
    number = _int(entry.get("number"))
    if number is None:
        return None
    note = entry.get("note")
    return Release(number, _date(entry.get("created")), note if isinstance(note, str) else "",
                   _int(entry.get("restores")))


def release_summary(folder: str | Path | None = None) -> ReleaseSummary | None:
    """The published release in `folder` (default: the one the public app reads --
    RAPPORTEUR_DATA_DIR, else the desk's current release), from its release.json: number, date,
    note, what changed (tables sorted by id) and the history. None when the app shows the shipped
    data in data/ (nothing published) or the file is unreadable: there is then nothing to say."""
    folder = folder or os.environ.get("RAPPORTEUR_DATA_DIR") or current_data_dir()
    info = release_info(folder)
    if not isinstance(info, dict):
        return None
    this = _release(info)
    if this is None:
        return None
    changes = []
    raw_changes = info.get("changes") if isinstance(info.get("changes"), dict) else {}
    for table, counts in sorted(raw_changes.items()):
        if isinstance(counts, dict):
            changes.append(Change(str(table), *(_int(counts.get(k)) or 0 for k in ("new", "changed", "removed"))))
    history = [r for r in (_release(e) for e in info.get("history") or [] if isinstance(e, dict)) if r is not None]
    if this.number not in {r.number for r in history}:
        history.append(this)
    history.sort(key=lambda r: r.number, reverse=True)
    return ReleaseSummary(this, tuple(changes), tuple(history))
