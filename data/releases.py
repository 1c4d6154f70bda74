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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POINTER = "current"
INFO = "release.json"  # number, created, who, note, restores, changes, history of the release in a folder


def desk_home() -> Path:
    """The desk's own folder: `.desk/` beside the app (git-ignored), or RAPPORTEUR_DESK_HOME."""
    return Path(os.environ.get("RAPPORTEUR_DESK_HOME") or ROOT / ".desk")


def current_data_dir(home: str | Path | None = None) -> str | None:
    """The folder of the published release, or None when nothing was ever published here
    (then the app reads the shipped CSVs in data/)."""
    pointer = (Path(home) if home else desk_home()) / POINTER
    try:
        target = pointer.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return str(target) if (target / INFO).is_file() else None


def release_info(folder: str | Path | None) -> dict | None:
    """What release a data folder holds ({"number", "created", "who", "note", ...}), or None for data/."""
    if not folder:
        return None
    try:
        return json.loads((Path(folder) / INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
