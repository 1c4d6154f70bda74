"""Load benchmark: `make load` (never part of the tests).

N concurrent reader sessions (N = 1, 10, 30) against one local server. Each session
opens the dashboard's link (the root URL: Overview), visits every other page in turn,
and changes one filter on the Justice page. Reports p50/p95 time to first chart or
table, errors, and the server's resident memory; writes the "## Load" section of
bench/RESULTS.md (bench/run.py keeps that section when it rewrites the file).
Goal: 30 sessions, zero errors, p95 at most 2x the single-session time, under 10 MB
of server memory per session.

Clients (LOAD_CLIENT):
- "protocol" (default): bench/stclient.py speaks Streamlit's websocket protocol, as
  the frontend does, without a browser; 30 of them cost the shared 2 cores almost
  nothing, so the numbers are the server's.
- "browser": one headless Chromium per session (the previous client). On this
  2-core machine the browsers' own rendering dominates the times.

Scenario (a meeting): sessions arrive spread uniformly over LOAD_RAMP_S seconds (30),
each waits a think time of LOAD_THINK_S seconds (10, jittered 0.5x-1.5x) before each
next step, and keeps its tab open until every session is done. Ten seconds is short
for reading a page of charts in a meeting; the goal is judged on this scenario. For
honesty two harsher runs follow: "stress" (think LOAD_STRESS_THINK_S = 2 s) for
LOAD_STRESS_LEVELS (30), and "burst" (all sessions at once, no think time) for
LOAD_BURST_LEVELS (30).
Each level runs on a fresh server, warmed by one untimed session (every page and the
filter), so every level starts from the same warm caches. The single-session baseline
walks the tour LOAD_BASELINE_TOURS times (3) to have more than 8 samples.

Memory: the server's RSS (bench.run.rss_mb) before the level, sampled every 0.5 s
during it (peak), and with all sessions still open at the end. "MB per session" =
(peak - before) / N; "MB per extra session" = (all open at N - all open at 1) / (N - 1).
CPU: the server's, this client's and the rest of the machine's, in cores.

Other settings: LOAD_LEVELS (1,10,30), LOAD_TIMEOUT_S (120 per run), LOAD_SHELL (1:
each session first fetches the page HTML and the assets it names, as a browser does),
LOAD_FILTER_KEY / LOAD_FILTER_OPTION (view / 1), LOAD_RESULTS (another file, for
experiments). STREAMLIT_* variables reach the server as config and are named in the
report. `python -m bench.profile` shows where the server's time goes under this load.
"""
from __future__ import annotations

import asyncio
import math
import os
import random
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.run import machine, rss_mb
from tests.browser import CHROMIUM, CHROMIUM_ARGS, FIRST_CONTENT, PAGES, ROOT, streamlit_server

CLIENT = os.environ.get("LOAD_CLIENT", "protocol")
LEVELS = [int(n) for n in os.environ.get("LOAD_LEVELS", "1,10,30").split(",") if n.strip()]
BURST_LEVELS = [int(n) for n in os.environ.get("LOAD_BURST_LEVELS", "30").split(",") if n.strip()]
RAMP_S = float(os.environ.get("LOAD_RAMP_S", "30"))
THINK_S = float(os.environ.get("LOAD_THINK_S", "10"))
STRESS_THINK_S = float(os.environ.get("LOAD_STRESS_THINK_S", "2"))
STRESS_LEVELS = [int(n) for n in os.environ.get("LOAD_STRESS_LEVELS", "30").split(",") if n.strip()]
TIMEOUT_S = float(os.environ.get("LOAD_TIMEOUT_S", "120"))
BASELINE_TOURS = int(os.environ.get("LOAD_BASELINE_TOURS", "3"))
SHELL = os.environ.get("LOAD_SHELL", "1") == "1"          # fetch the HTML and its assets first
FILTER_PAGE, FILTER_KEY = "justice", os.environ.get("LOAD_FILTER_KEY", "view")
FILTER_OPTION = int(os.environ.get("LOAD_FILTER_OPTION", "1"))  # second option: "across the years"
FILTER_VALUE = os.environ.get("LOAD_FILTER_VALUE", "trends")    # the same view, as its id in the URL
RESULTS = Path(os.environ.get("LOAD_RESULTS", ROOT / "bench" / "RESULTS.md"))  # another file for experiments
# Streamlit reads STREAMLIT_* variables as config; the server inherits them (an experiment, e.g.
# STREAMLIT_RUNNER_POST_SCRIPT_GC=false), and the report names them.
OVERRIDES = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("STREAMLIT_"))


@dataclass
class Record:
    first: list[float] = field(default_factory=list)       # send -> first chart/table
    finished: list[float] = field(default_factory=list)    # send -> script finished
    by_page: dict[str, list[float]] = field(default_factory=dict)
    shell: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, label: str, first: float | None, finished: float | None, error: str | None) -> None:
        if error:
            self.errors.append(error)
            return
        if first is not None:
            self.first.append(first)
            self.by_page.setdefault(label, []).append(first)
        if finished is not None:
            self.finished.append(finished)


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile (p95 of 8 samples is the largest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class RssSampler:
    """Samples the server's RSS in a thread; `peak` is the largest sample."""

    def __init__(self, pid: int, every_s: float = 0.5) -> None:
        self.pid, self.every_s, self.peak = pid, every_s, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_mb(self.pid))
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb(self.pid))


class CpuMeter:
    """CPU use during a level, in cores: the server, this client process, and everything else on
    the machine (other people's tests share these 2 cores and make the numbers noisier)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    @staticmethod
    def _machine() -> float:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = sum(fields[:3]) + sum(fields[5:8])  # user nice system irq softirq steal
        return busy / os.sysconf("SC_CLK_TCK")

    def _server(self) -> float:
        try:
            fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except FileNotFoundError:
            return 0.0

    def __enter__(self) -> CpuMeter:
        t = os.times()
        self.start = (time.perf_counter(), self._machine(), self._server(), t.user + t.system)
        return self

    def __exit__(self, *exc) -> None:
        t = os.times()
        wall, machine_, server, client = (a - b for a, b in zip(
            (time.perf_counter(), self._machine(), self._server(), t.user + t.system), self.start))
        self.server, self.client = server / wall, client / wall
        self.other = max(0.0, machine_ / wall - self.server - self.client)


# -- protocol client ---------------------------------------------------------------
async def protocol_tour(url: str, rec: Record, think_s: float, rng: random.Random, tours: int,
                        delay_s: float, done: asyncio.Event, sessions_left: list[int]):
    from bench.stclient import ProtocolSession

    async def think() -> None:
        if think_s:
            await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))

    await asyncio.sleep(delay_s)
    session = ProtocolSession(url, TIMEOUT_S)
    try:
        try:
            await session_tour(session, url, rec, think, tours)
        finally:
            sessions_left[0] -= 1
            if sessions_left[0] == 0:
                done.set()
        await done.wait()  # tabs stay open until every reader is done
    finally:
        await session.close()


async def session_tour(session, url: str, rec: Record, think, tours: int) -> None:
    from bench.stclient import fetch_shell

    if SHELL:
        try:
            rec.shell.append((await fetch_shell(url))[0])
        except Exception as exc:
            rec.errors.append(f"shell: {type(exc).__name__}: {exc}")
    try:
        await session.connect()
    except Exception as exc:
        rec.errors.append(f"connect: {type(exc).__name__}: {exc}")
        return
    for tour in range(tours):
        for i, page in enumerate(PAGES):
            if tour or i:
                await think()
            v = await (session.open(page) if tour == 0 and i == 0 else session.visit(page))
            rec.add(page, v.first_chart_s, v.finished_s, v.error)
            if page == FILTER_PAGE:
                await think()
                # another option on each tour: a page revisited may still show the last tour's choice
                f = await session.change_filter(v, FILTER_KEY, FILTER_OPTION + tour, value=FILTER_VALUE)
                rec.add(f"{page} filter", f.first_chart_s, f.finished_s, f.error)


async def protocol_level(url: str, pid: int, n: int, think_s: float, ramp_s: float, tours: int = 1) -> dict:
    rec = Record()
    done = asyncio.Event()
    left = [n]
    before = rss_mb(pid)
    open_rss: list[float] = []

    async def watch_open() -> None:
        await done.wait()
        open_rss.append(rss_mb(pid))  # every session finished its tour, all still connected

    start = time.perf_counter()
    with RssSampler(pid) as sampler, CpuMeter(pid) as cpu:
        watcher = asyncio.create_task(watch_open())
        await asyncio.gather(*(
            protocol_tour(url, rec, think_s, random.Random(1000 * n + i), tours,
                          ramp_s * i / n if n > 1 else 0.0, done, left)
            for i in range(n)))
        await watcher
    return summary(rec, n, before, sampler.peak, open_rss[0] if open_rss else float("nan"),
                   time.perf_counter() - start, think_s, ramp_s, cpu)


async def warm_up(url: str) -> None:
    """One untimed session over every page and the filter: the caches of a server a reader met before."""
    rec = Record()
    await protocol_tour(url, rec, 0.0, random.Random(0), 1, 0.0, asyncio.Event(), [1])
    if rec.errors:
        raise RuntimeError(f"warm-up failed: {rec.errors[:3]}")


# -- browser client (LOAD_CLIENT=browser) ----------------------------------------------
async def browser_tour(browser, url: str, rec: Record, think_s: float, rng: random.Random, delay_s: float) -> None:
    await asyncio.sleep(delay_s)
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for i, name in enumerate(PAGES):
            if i and think_s:
                await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
            start = time.perf_counter()
            try:
                # the default page is served at the root URL; /overview answers "page not found"
                await page.goto(url if i == 0 else f"{url}/{name}")
                await page.wait_for_selector(FIRST_CONTENT, state="visible", timeout=TIMEOUT_S * 1000)
                elapsed = time.perf_counter() - start
                error = f"{name}: error element" if await page.locator("[data-testid='stException']").count() else None
                rec.add(name, elapsed, None, error)
            except Exception as exc:  # a timeout or a crash is an error, not a stop
                rec.errors.append(f"{name}: {type(exc).__name__}")
                continue
            if name == FILTER_PAGE:
                try:  # change one filter: the next option of the view control, whatever its label
                    heading = await page.locator("h2").first.inner_text()
                    start = time.perf_counter()
                    await page.locator("[data-testid='stButtonGroup'] button").nth(FILTER_OPTION).click()
                    await page.wait_for_function(
                        "h => { const e = document.querySelector('h2'); return e && e.innerText !== h; }",
                        arg=heading, timeout=TIMEOUT_S * 1000)
                    await page.wait_for_selector(FIRST_CONTENT, state="visible", timeout=TIMEOUT_S * 1000)
                    rec.add(f"{name} filter", time.perf_counter() - start, None, None)
                except Exception as exc:
                    rec.errors.append(f"filter: {type(exc).__name__}")
    finally:
        await context.close()


async def browser_level(url: str, pid: int, n: int, think_s: float, ramp_s: float) -> dict:
    from playwright.async_api import async_playwright

    rec = Record()
    start = time.perf_counter()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        before = rss_mb(pid)
        with RssSampler(pid) as sampler, CpuMeter(pid) as cpu:
            await asyncio.gather(*(browser_tour(browser, url, rec, think_s, random.Random(1000 * n + i),
                                                ramp_s * i / n if n > 1 else 0.0) for i in range(n)))
            after = rss_mb(pid)
        await browser.close()
    return summary(rec, n, before, sampler.peak, after, time.perf_counter() - start, think_s, ramp_s, cpu)


# -- levels and report -------------------------------------------------------------
def summary(rec: Record, n: int, before: float, peak: float, open_: float, wall: float,
            think_s: float, ramp_s: float, cpu: CpuMeter) -> dict:
    return {
        "cpu_server": cpu.server, "cpu_client": cpu.client, "cpu_other": cpu.other,
        "n": n, "think_s": think_s, "ramp_s": ramp_s, "samples": len(rec.first),
        "p50": pct(rec.first, 0.50), "p95": pct(rec.first, 0.95),
        "fin_p50": pct(rec.finished, 0.50), "fin_p95": pct(rec.finished, 0.95),
        "shell_p95": pct(rec.shell, 0.95), "errors": len(rec.errors), "error_list": rec.errors[:5],
        "rss_before": before, "rss_peak": peak, "rss_open": open_, "wall_s": wall,
        "per_session": (peak - before) / n,
        "by_page": {k: (pct(v, 0.5), pct(v, 0.95)) for k, v in rec.by_page.items()},
    }


def run_level(n: int, think_s: float, ramp_s: float, tours: int = 1) -> dict:
    with streamlit_server() as app:
        asyncio.run(warm_up(app.url))
        time.sleep(1)
        if CLIENT == "browser":
            return asyncio.run(browser_level(app.url, app.pid, n, think_s, ramp_s))
        return asyncio.run(protocol_level(app.url, app.pid, n, think_s, ramp_s, tours))


def main() -> None:
    rows, extras = [], []
    for n in LEVELS:
        rows.append(run_level(n, THINK_S, RAMP_S, BASELINE_TOURS if n == 1 and CLIENT == "protocol" else 1))
        print({k: v for k, v in rows[-1].items() if k != "by_page"}, flush=True)
        write(rows, extras)  # after every level, so a long run that is stopped still leaves its results
    for kind, levels, think, ramp in (("stress", STRESS_LEVELS, STRESS_THINK_S, RAMP_S),
                                      ("burst", BURST_LEVELS, 0.0, 0.0)):
        for n in levels:
            extras.append((kind, run_level(n, think, ramp)))
            print(kind, {k: v for k, v in extras[-1][1].items() if k != "by_page"}, flush=True)
            write(rows, extras)


def ms(x: float) -> str:
    return "—" if math.isnan(x) else f"{x * 1000:.0f}"


def extra(r: dict, base: dict | None) -> str:
    """Steady memory each session beyond the first adds: all tabs open, against the single session's."""
    if base is None or r["n"] <= 1:
        return "—"
    return f"{(r['rss_open'] - base['rss_open']) / (r['n'] - 1):.1f}"


def write(rows: list[dict], extras: list[tuple[str, dict]]) -> None:
    single = next((r["p95"] for r in rows if r["n"] == 1), rows[0]["p95"])
    client = ("the protocol client (bench/stclient.py: Streamlit's websocket protocol, no browser)"
              if CLIENT == "protocol" else "one headless Chromium per session, on the server's own cores")
    lines = [
        "", "## Load", "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()} with {client}. "
        f"Each session opens the dashboard's root URL (Overview), visits the other {len(PAGES) - 1} pages and "
        f"changes one filter on {FILTER_PAGE.capitalize()} (clicks another option of the `?{FILTER_KEY}=` control): "
        f"{len(PAGES) + 1} timed runs per session."
        + (f" Server config overridden from the environment: {', '.join(OVERRIDES)}." if OVERRIDES else ""),
        "",
        f"Meeting scenario: sessions arrive uniformly over {RAMP_S:.0f} s, think {THINK_S:.0f} s (0.5×–1.5×) "
        "before each step, and keep their tab open until all are done. Burst: every session at once, no think "
        "time. Each level runs on a fresh server warmed by one untimed session"
        + (f"; the single session walks the tour {BASELINE_TOURS}×" if CLIENT == "protocol" else "") + ".",
        "Time = from sending the page request to the first chart or table arriving "
        + ("(Plotly, map, dataframe, metric card)" if CLIENT == "protocol" else "visible in the browser")
        + "; \"script done\" = to the page's last element. MB per session = (peak − before) / N, "
        "transient work included; MB per extra session = (all open at N − all open at 1) / (N − 1), as in "
        "bench/run.py. CPU cores are averages over the level; \"other\" is the rest of the machine "
        "(other people's processes on the same 2 cores).",
        "",
        "| scenario | sessions | runs | first chart p50 (ms) | p95 (ms) | p95 / single | script done p50 / p95 (ms) "
        "| errors | server MB before → peak (all open) | MB per session | MB per extra session "
        "| CPU cores: server / client / other |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    base = next((r for r in rows if r["n"] == 1), None)
    for kind, r in [("meeting", r) for r in rows] + extras:
        lines.append(
            f"| {kind} | {r['n']} | {r['samples']} | {ms(r['p50'])} | {ms(r['p95'])} | {r['p95'] / single:.2f} | "
            f"{ms(r['fin_p50'])} / {ms(r['fin_p95'])} | {r['errors']} | "
            f"{r['rss_before']:.0f} → {r['rss_peak']:.0f} ({r['rss_open']:.0f}) | {r['per_session']:.1f} | "
            f"{extra(r, base)} | {r['cpu_server']:.2f} / {r['cpu_client']:.2f} / {r['cpu_other']:.2f} |")
    top = max(rows, key=lambda r: r["n"])
    met_n, met_err = top["n"] >= 30, all(r["errors"] == 0 for r in rows)
    met_p95, met_mem = top["p95"] <= 2 * single, top["per_session"] < 10
    lines += [
        "",
        f"Goal at {top['n']} sessions (meeting scenario): zero errors {'met' if met_err else 'NOT met'}; "
        f"p95 ≤ 2× single ({ms(2 * single)} ms) {'met' if met_p95 else 'NOT met'} ({top['p95'] / single:.2f}×); "
        f"< 10 MB per session {'met' if met_mem else 'NOT met'} ({top['per_session']:.1f} MB)"
        + ("" if met_n else f"; measured only up to {top['n']} sessions") + ". "
        + ("**Goal met.**" if met_n and met_err and met_p95 and met_mem else "**Goal not met.**"),
    ]
    for kind, b in extras:
        think = {"stress": f"think {STRESS_THINK_S:.0f} s", "burst": "all at once, no think time"}.get(kind, "")
        lines.append(f"{kind.capitalize()} ({think}), {b['n']} sessions: p95 {ms(b['p95'])} ms = "
                     f"{b['p95'] / single:.1f}× single, {b['errors']} errors.")
    if CLIENT == "protocol" and SHELL:
        lines.append(f"Before its websocket each session fetches the page HTML and the assets it names, as a "
                     f"browser does (p95 {ms(top['shell_p95'])} ms at {top['n']} sessions; not in the times above).")
    lines += ["", f"Per page at {top['n']} sessions (meeting), first chart p50 / p95 (ms): "
              + "; ".join(f"{k} {ms(a)} / {ms(b)}" for k, (a, b) in top["by_page"].items()) + "."]
    errors = [e for r in rows + [b for _, b in extras] for e in r["error_list"]]
    if errors:
        lines.append("First errors: " + "; ".join(errors[:5]) + ".")
    lines.append("")
    text = "\n".join(lines)
    print(text)
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    head, _, tail = previous.partition("\n## Load\n")
    # keep any section that follows the Load section
    rest = tail.split("\n## ", 1)[1] if "\n## " in tail else ""
    RESULTS.write_text(head.rstrip() + "\n" + text + ("\n## " + rest if rest else ""), encoding="utf-8")


if __name__ == "__main__":
    main()
