"""Are the public pages slower reading a published release than the shipped CSVs? (`python -m bench.release_load`)

Not a test: it measures and prints (and with --write appends to bench/RESULTS.md). A release is
published once with the desk (SQLite in a temporary folder: one import of a small document, so the
release differs from data/ by two rows and one document) and materialised like a replica does it
(`sync_current`). Then, each in a fresh Python process (so nothing is cached yet, as on a
replica's first reader), alternating data/ and the release so the machine's changing load falls
on both sides:

- data load: every dataset, reference table and the recorded conflicts, read, validated and
  citation-checked (`data.load`), after the imports;
- first run of a page (AppTest, Overview and Justice): the whole script, data load included;
- with --browser (as `make bench` runs it): what a reader waits for, the time from navigation
  to the first chart or table of every public page in a fresh browser context, against two
  servers started side by side -- one reading the shipped CSVs, one with RAPPORTEUR_DATA_DIR at
  the published release folder -- each warmed once per page, runs alternating between them.

With --write the results replace the section "## A published release vs the shipped CSVs" of
bench/RESULTS.md (kept by bench/run.py and bench/load.py, which rewrite their own sections).

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
SECTION = "## A published release vs the shipped CSVs"

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


def browser_times(folder: str, pages: list[str], runs: int) -> dict[str, tuple[float, float]]:
    """page -> (shipped, release) median seconds from navigation to first content in a browser,
    against two servers side by side, runs alternating between them."""
    from playwright.sync_api import sync_playwright

    from bench.run import time_to_first_content
    from tests.browser import launch, path_of, streamlit_server

    empty = str(Path(tempfile.gettempdir()) / "bench-no-release")  # a desk home with nothing published
    for key in ("RAPPORTEUR_DATA_DIR", "RAPPORTEUR_DESK_URL"):
        os.environ.pop(key, None)  # the shipped server must read data/, not an inherited folder
    out = {}
    with streamlit_server({"RAPPORTEUR_DESK_HOME": empty}) as shipped, \
            streamlit_server({"RAPPORTEUR_DESK_HOME": empty, "RAPPORTEUR_DATA_DIR": folder}) as release, \
            sync_playwright() as pw:
        browser = launch(pw)
        for page in pages:
            urls = (f"{shipped.url}/{path_of(page)}?lang=en", f"{release.url}/{path_of(page)}?lang=en")
            for url in urls:  # warm each server's caches for this page once
                time_to_first_content(browser, url)
            a, b = [], []
            for _ in range(runs):
                a.append(time_to_first_content(browser, urls[0]))
                b.append(time_to_first_content(browser, urls[1]))
            out[page] = (statistics.median(a), statistics.median(b))
            print(f"{page}: {out[page][0] * 1000:.0f} vs {out[page][1] * 1000:.0f} ms", file=sys.stderr)
        browser.close()
    return out


def write_section(text: str, results: Path = RESULTS) -> None:
    """Replace this benchmark's section of RESULTS.md (or add it at the end)."""
    previous = results.read_text(encoding="utf-8") if results.exists() else "# Benchmark results\n"
    head, mark, tail = previous.partition("\n" + SECTION)
    rest = "\n## " + tail.split("\n## ", 1)[1] if mark and "\n## " in tail else ""
    results.write_text(head.rstrip("\n") + "\n\n" + text.strip("\n") + "\n" + rest, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "5")))
    parser.add_argument("--pages", default="overview,justice", help="pages for the AppTest first run")
    parser.add_argument("--browser", action="store_true",
                        help="also time first content of the public pages in a browser (make bench)")
    parser.add_argument("--browser-pages", default="", help="pages for --browser (default: every page)")
    parser.add_argument("--write", action="store_true", help="write the section in bench/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-release-") as tmp:
        home = Path(tmp) / "home"
        folder = publish_release(home)
        print(f"release folder: {folder}", file=sys.stderr)
        cases = [("data load", DATA_LOAD, ())] + [(f"first run: {p}", PAGE_RUN, (p,)) for p in args.pages.split(",")
                                                  if p]
        rows = []
        for label, code, extra in cases:
            shipped, release = [], []
            for _ in range(args.runs):  # alternate, so a change in load falls on both
                shipped.append(one_run(code, None, *extra))
                release.append(one_run(code, home, *extra))
            a, b = statistics.median(shipped), statistics.median(release)
            rows.append(f"| {label} | {a * 1000:.0f} | {b * 1000:.0f} | {b / a:.2f} |")
            print(rows[-1], file=sys.stderr)
        summary = []
        if args.browser:
            from tests.browser import PAGES

            pages = [p for p in args.browser_pages.split(",") if p] or list(PAGES)
            times = browser_times(folder, pages, args.runs)
            for page, (a, b) in times.items():
                rows.append(f"| first content in the browser: {page} | {a * 1000:.0f} | {b * 1000:.0f} | "
                            f"{b / a:.2f} |")
            ratios = sorted(b / a for a, b in times.values())
            ratio = statistics.median(ratios)
            summary = [f"**Public pages, first content in the browser: a published release / the shipped CSVs = "
                       f"{ratio:.2f}** (median over {len(times)} pages, {min(ratios):.2f}–{max(ratios):.2f}): "
                       + ("no slower within the noise." if ratio <= 1.1 else "SLOWER: look into it."), ""]
    table = "\n".join([
        SECTION, "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; median of {args.runs} run(s) each, alternating; "
        "the release is the shipped data plus one small import (2 rows, 1 document), at RAPPORTEUR_DATA_DIR. "
        "The machine is shared: indicative.", "",
        *summary,
        "| what | shipped CSVs (ms) | published release (ms) | ratio |",
        "|---|---|---|---|", *rows, ""])
    print(table)
    if args.write:
        write_section(table)


if __name__ == "__main__":
    main()
