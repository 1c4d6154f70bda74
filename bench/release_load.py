"""Are the public pages slower reading a published release than the shipped CSVs? (`python -m bench.release_load`)

Not a test: it measures and prints (and with --write appends to bench/RESULTS.md). A release is
published once with the desk (SQLite in a temporary folder: one import of a small document, so the
release differs from data/ by two rows and one document) and materialised like a replica does it
(`sync_current`). Then, each in a fresh Python process (so nothing is cached yet, as on a
replica's first reader), alternating data/ and the release so the machine's changing load falls
on both sides:

- data load: every dataset, reference table and the recorded conflicts, read, validated and
  citation-checked (`data.load`), after the imports;
- first run of a page (AppTest, Overview and Justice): the whole script, data load included.

With the shipped CSVs the documents come from RAPPORTEUR_SOURCES; a release carries its own
copies (`<release>/sources/`), so both sides check every citation.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "RESULTS.md"

DATA_LOAD = """
import time
from data import load, metadata
start = time.perf_counter()
load.load_all()
for name in metadata.reference_names():
    load.reference(name)
load.conflicts()
print(time.perf_counter() - start)
"""

PAGE_RUN = """
import sys, time
from tests.apptest import run_page
start = time.perf_counter()
at = run_page(sys.argv[1], {"lang": "en"}, timeout=120)
assert not at.exception, at.exception
print(time.perf_counter() - start)
"""


def publish_release(home: Path) -> str:
    """A desk database in `home` with release 2 published and materialised; its folder."""
    env_before = {k: os.environ.get(k) for k in ("RAPPORTEUR_DESK_HOME", "RAPPORTEUR_DESK_URL")}
    os.environ["RAPPORTEUR_DESK_HOME"] = str(home)
    os.environ["RAPPORTEUR_DESK_URL"] = f"sqlite:///{home / 'desk.sqlite'}"
    try:
        from desk import importer, store
        from desk.documents import register
        from desk.release import current_data_dir, sync_current
        from tests.test_desk_import import DOCUMENT, JUSTICE, OLD_YEAR, workbook

        eng = store.ensure()
        register(eng, DOCUMENT.encode(), title="Annual statistics 2024", publisher="The office", year=2024,
                 language="English", who="bench", doc_id="office-2024")
        result = importer.check(eng, workbook(("justice", JUSTICE), ("justice", OLD_YEAR)), "office-2024", "en")
        importer.stage(eng, result, "bench")
        store.publish(eng, "bench release", "bench", check=importer.release_problems)
        sync_current()
        return str(current_data_dir())
    finally:
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def one_run(code: str, home: Path | None, *args: str) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("RAPPORTEUR_DATA_DIR", "RAPPORTEUR_DESK_URL")}
    env["RAPPORTEUR_DESK_HOME"] = str(home) if home else str(Path(tempfile.gettempdir()) / "bench-no-release")
    out = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--pages", default="overview,justice")
    parser.add_argument("--write", action="store_true", help="append the table to bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-release-") as tmp:
        home = Path(tmp) / "home"
        folder = publish_release(home)
        print(f"release folder: {folder}", file=sys.stderr)
        cases = [("data load", DATA_LOAD, ())] + [(f"first run: {p}", PAGE_RUN, (p,)) for p in args.pages.split(",")]
        rows = []
        for label, code, extra in cases:
            shipped, release = [], []
            for _ in range(args.runs):  # alternate, so a change in load falls on both
                shipped.append(one_run(code, None, *extra))
                release.append(one_run(code, home, *extra))
            a, b = statistics.median(shipped), statistics.median(release)
            rows.append(f"| {label} | {a * 1000:.0f} | {b * 1000:.0f} | {b / a:.2f} |")
            print(rows[-1], file=sys.stderr)
    table = "\n".join([
        f"\n## Published release vs shipped CSVs ({datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, "
        f"median of {args.runs} fresh processes each, alternating)\n",
        "| what | shipped CSVs (ms) | published release (ms) | ratio |",
        "|---|---|---|---|", *rows, ""])
    print(table)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as fh:
            fh.write(table)


if __name__ == "__main__":
    main()
