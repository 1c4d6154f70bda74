"""Files on disk, watched: each file the app reads is loaded once, re-checked when it changes.

A `Watched` file knows how to read and validate itself (`parse(path) -> (value, problems)`).
`get()` hands out the copy being served. At most once a second per file it stats the file
(mtime and size); when the file changed, it is read and validated again and swapped in only
if it is no worse than the served copy (no problems, or not more than the served copy had).
Otherwise the last good copy keeps being served and the file is recorded as broken on disk
since that moment, with the new problems: the Sources page lists them.

Every swap bumps `version()`, which caches of things built from the data (figures, name
lookups) put in their keys. Entries are kept per folder, so a test can point the app at a
temporary copy of the data without touching the real files. No Streamlit here.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

CHECK_EVERY = 1.0  # seconds between two stats of the same file

_version = 0
_version_lock = threading.Lock()
_registry: dict[str, Watched] = {}
_accessed = threading.local()

# Injected clocks, so tests can move time on without sleeping.
monotonic: Callable[[], float] = time.monotonic
wallclock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)  # noqa: E731


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file. `row` is the line number in the CSV (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Copy:
    """One validated reading of a file: what is served, and what was wrong with it."""

    value: Any
    problems: tuple[Problem, ...]
    stamp: Hashable


@dataclass
class State:
    """What the app serves for one file of one folder, and what is on disk if that differs."""

    served: Copy
    disk: Hashable  # the stamp of the newest reading of the file (served or rejected)
    checked: float  # monotonic time of the last stat
    broken_since: datetime | None = None
    broken: tuple[Problem, ...] = field(default=())

    @property
    def problems(self) -> tuple[Problem, ...]:
        """The served copy's problems, plus the newer copy on disk that was refused."""
        if self.broken_since is None:
            return self.served.problems
        when = self.broken_since.strftime("%Y-%m-%d %H:%M:%S UTC")
        file = self.broken[0].file if self.broken else "file"
        refused = Problem(file, None, None, f"changed on disk at {when} and fails its checks "
                                            "(below); the last good copy is still shown")
        return (*self.served.problems, refused, *self.broken)


def version() -> int:
    """Bumped whenever any served copy changes: part of every cache key built from the data."""
    return _version


def _bump() -> None:
    global _version
    with _version_lock:
        _version += 1


def stamp(path: Path) -> tuple[int, int] | None:
    """mtime (ns) and size of a file, or None when it is missing."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def no_worse(new: Copy, served: Copy) -> bool:
    """A changed file is swapped in when it passes, or is at least not worse than the copy
    being served (which already had problems): fixing a file row by row must show."""
    if not new.problems:
        return True
    return bool(served.problems) and len(new.problems) <= len(served.problems)


class Watched:
    """One file the app reads, per folder: `folder()` says where, `parse` reads and validates.

    `depends(folder)` returns anything else the validation depends on (e.g. the ids of the reference
    tables a dataset points to); when it changes, the file is validated again.
    """

    def __init__(self, name: str, file: str, folder: Callable[[], Path],
                 parse: Callable[[Path], tuple[Any, list[Problem] | tuple[Problem, ...]]],
                 depends: Callable[[Path], Hashable] = lambda base: None, register: bool = True) -> None:
        self.name, self.file, self.folder, self.parse, self.depends = name, file, folder, parse, depends
        self._states: dict[Path, State] = {}
        self._lock = threading.RLock()
        if register:  # the metadata files are watched apart (data/metadata.py): pages name no yml
            _registry[name] = self

    def path(self, base: Path | None = None) -> Path:
        return (base or self.folder()) / self.file

    def _read(self, path: Path, disk: Hashable) -> Copy:
        value, problems = self.parse(path)
        return Copy(value, tuple(problems), disk)

    def state(self, base: Path | None = None, track: bool = True) -> State:
        """The state for a folder (default: the one in use), checked against the disk at most
        once a second. `track`: count this as the current run reading the file (not when the
        loader reads it to validate another file)."""
        path = self.path(base)
        now = monotonic()
        current = self._states.get(path)
        if current is not None and now - current.checked < CHECK_EVERY:
            if track:
                _note_access(self.name)
            return current
        with self._lock:
            current = self._states.get(path)
            disk = (stamp(path), self.depends(path.parent))
            if current is None:
                current = State(self._read(path, disk), disk, now)
                self._states[path] = current
            elif disk != current.disk:
                new = self._read(path, disk)
                if no_worse(new, current.served):
                    current = State(new, disk, now)
                    self._states[path] = current
                    _bump()
                else:
                    current.disk, current.checked, current.broken = disk, now, new.problems
                    if current.broken_since is None:
                        current.broken_since = wallclock()
            else:
                current.checked = now
        if track:
            _note_access(self.name)
        return current

    def get(self) -> Any:
        return self.state().served.value

    def problems(self) -> tuple[Problem, ...]:
        return self.state().problems

    def forget(self) -> None:
        """Drop every folder's state (tests)."""
        with self._lock:
            self._states.clear()


def registered() -> dict[str, Watched]:
    """Every watched file, by name."""
    return dict(_registry)


def all_problems() -> list[Problem]:
    """The problems of every watched file (each file checked against the disk)."""
    return [p for w in registered().values() for p in w.problems()]


def broken_on_disk() -> list[tuple[str, datetime]]:
    """(file, since) for each file whose newest copy on disk was refused."""
    out = []
    for w in registered().values():
        state = w.state()
        if state.broken_since is not None:
            out.append((w.file, state.broken_since))
    return out


# Which files a script run touched: the page frame asks at the end of a page whether any of
# them has problems, and shows a notice. Per thread (Streamlit runs a script in one thread).

def start_tracking() -> None:
    _accessed.names = set()


def _note_access(name: str) -> None:
    names = getattr(_accessed, "names", None)
    if names is not None:
        names.add(name)


def accessed() -> set[str]:
    return set(getattr(_accessed, "names", None) or ())


def touch(*names: str) -> None:
    """Record that the current run uses these files (for content drawn from a cache)."""
    for name in names:
        if name in _registry:
            _registry[name].state()


