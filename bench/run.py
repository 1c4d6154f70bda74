"""Benchmark every page: `make bench` (never part of the tests).

For each page, median of RUNS runs:
- browser time from navigation to first chart/table visible, in a fresh browser
  context, next to the same time for the framework floor (bench/floor_app.py: one
  Plotly bar chart) measured in alternation with it, and their ratio -- at a phone's
  width (390 x 844) and a desktop's (1280 x 900), BENCH_WIDTHS to change;
- server script time for one warm rerun of the page, and for the rerun after a changed
  filter (the page's first select set to another option), through AppTest;
- resident memory of the server after 1 and after 20 open sessions.
Writes the table to bench/RESULTS.md with date and machine.
Goals: ratio to the floor <= 1.3 at both widths, warm rerun < 100 ms, a changed filter
redrawn in <= 300 ms of server time, < 10 MB per extra session.
"""
from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from tests.browser import FIRST_CONTENT, PAGES, ROOT, launch, path_of, streamlit_server

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "20"))
RESULTS = ROOT / "bench" / "RESULTS.md"
# (width, height) of the screens the first-chart times are taken at: a phone and a desktop.
SCREENS = {int(w): (int(w), 844 if int(w) < 600 else 900)
           for w in os.environ.get("BENCH_WIDTHS", "390,1280").split(",")}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    total = 0
    pids = [pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()]
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total / 1024


def time_to_first_content(browser, url: str, screen: tuple[int, int] = (1280, 900)) -> float:
    context = browser.new_context(viewport={"width": screen[0], "height": screen[1]})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(FIRST_CONTENT, state="visible", timeout=60_000)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def browser_times(floor_url: str, url_for: dict[str, str],
                  screen: tuple[int, int] = (1280, 900)) -> dict[str, tuple[float, float]]:
    """(page, floor) median first-chart seconds for every page, on a screen of this size.

    A page's runs alternate with runs of the floor, so a change in the machine's load
    (other processes share these 2 cores) falls on both sides of the ratio alike."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as p:
        browser = launch(p)
        time_to_first_content(browser, floor_url, screen)  # warm the floor server once
        for name, url in url_for.items():
            time_to_first_content(browser, url, screen)  # warm the server's caches once
            page_runs, floor_runs = [], []
            for _ in range(RUNS):
                floor_runs.append(time_to_first_content(browser, floor_url, screen))
                page_runs.append(time_to_first_content(browser, url, screen))
            out[name] = (statistics.median(page_runs), statistics.median(floor_runs))
        browser.close()
    return out


def rerun_ms(page: str) -> float:
    from tests.apptest import run_page

    at = run_page(page)
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def filter_ms(page: str) -> float | None:
    """Median server time of the rerun after a reader changes one of the page's selects (the
    first in the main area that AppTest can switch back and forth) to another option, or None
    when the page has no such select."""
    from tests.apptest import run_page

    at = run_page(page)
    keys = [b.key for b in at.main.selectbox if len(b.options) > 1 and b.key]
    for key in keys:
        times = []
        for _ in range(RUNS):
            target = 1 if at.selectbox(key=key).index == 0 else 0
            at.selectbox(key=key).select_index(target)
            start = time.perf_counter()
            at.run()
            times.append((time.perf_counter() - start) * 1000)
            if at.selectbox(key=key).index != target:
                break
        else:
            return statistics.median(times)
    return None


def session_memory(proc, url: str) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        contexts = []
        for i in range(SESSIONS):
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector(FIRST_CONTENT, state="visible", timeout=60_000)
            contexts.append(context)
            if i == 0:
                time.sleep(1)
                one = rss_mb(proc.pid)
        time.sleep(2)
        many = rss_mb(proc.pid)
        for c in contexts:
            c.close()
        browser.close()
    return one, many


def machine() -> str:
    cpu = ""
    try:
        cpu = next(l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name"))
    except StopIteration:
        pass
    return f"{platform.node()} · {os.cpu_count()} cores · {cpu or platform.machine()} · Python {platform.python_version()}"


def main() -> None:
    with streamlit_server(script="bench/floor_app.py") as floor, streamlit_server() as app:
        urls = {name: f"{app.url}/{path_of(name)}" for name in PAGES}
        times = {width: browser_times(floor.url, urls, screen) for width, screen in SCREENS.items()}
        one, many = session_memory(app, f"{app.url}/{path_of(PAGES[0])}")
    reruns = {name: rerun_ms(name) for name in PAGES}
    filters = {name: filter_ms(name) for name in PAGES}
    per_session = (many - one) / max(SESSIONS - 1, 1)
    floor_time = statistics.median(f for by_page in times.values() for _, f in by_page.values())
    widths = " and ".join(f"{w} px" for w in SCREENS)

    lines = [
        "# Benchmark results", "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M UTC} on {machine()}; median of {RUNS} runs.", "",
        f"Framework floor (one Plotly bar chart): **{floor_time * 1000:.0f} ms** to first chart "
        f"(median over the pages, at {widths}). Each page's runs alternate with runs of the floor, "
        "and its ratio is to the floor measured beside it at the same width.", "",
        "The floor itself varies on this machine (1.6-2.4 s from run to run and from hour to "
        "hour), so each page is also given against the median floor of all runs at its width; "
        "the goal is judged on that steadier ratio.", "",
        "| page | width (px) | first chart (ms) | floor beside it (ms) | ratio to floor | "
        "ratio to the width's median floor | goal ≤ 1.3 |",
        "|---|---|---|---|---|---|---|",
    ]
    median_floor = {width: statistics.median(f for _, f in times[width].values()) for width in SCREENS}
    for name in PAGES:
        for width in SCREENS:
            page_time, floor_beside = times[width][name]
            ratio, steady = page_time / floor_beside, page_time / median_floor[width]
            lines.append(f"| {name} | {width} | {page_time * 1000:.0f} | {floor_beside * 1000:.0f} | {ratio:.2f} | "
                         f"{steady:.2f} | {'met' if steady <= 1.3 else 'NOT met'} |")
    lines += [
        "", "Server time through AppTest (which adds its own overhead): a warm rerun, and the rerun "
        "after the page's first select changes to another option.", "",
        "| page | warm rerun (ms) | goal < 100 ms | changed filter (ms) | goal ≤ 300 ms |",
        "|---|---|---|---|---|",
    ]
    for name in PAGES:
        changed = filters[name]
        changed_text = ("—", "no select") if changed is None else (
            f"{changed:.0f}", "met" if changed <= 300 else "NOT met")
        lines.append(f"| {name} | {reruns[name]:.0f} | {'met' if reruns[name] < 100 else 'NOT met'} | "
                     f"{changed_text[0]} | {changed_text[1]} |")
    lines += [
        "", f"Server memory: {one:.0f} MB with 1 session, {many:.0f} MB with {SESSIONS} sessions: "
        f"**{per_session:.1f} MB per extra session** (goal < 10 MB: {'met' if per_session < 10 else 'NOT met'}).", "",
    ]
    text = "\n".join(lines)
    print(text)
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    load = previous.split("\n## Load\n", 1)
    RESULTS.write_text(text + ("\n## Load\n" + load[1] if len(load) == 2 else ""), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
