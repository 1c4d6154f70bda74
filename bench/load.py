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

Through the proxy (LOAD_PROXY=1, the default): the same meeting and burst scenarios
at LOAD_PROXY_LEVELS (30) sessions through nginx in front of LOAD_PROXY_REPLICAS (2)
replicas (deploy/serve.py's Cluster, every process on loopback), each replica warmed
directly; then a failover run: the meeting scenario again, and LOAD_KILL_AT_S (45) s
after its start the replica holding more connections is killed (SIGKILL). Its
readers' websockets close; the protocol client reconnects as the browser does
(bench/stclient.py) and nginx sends it to the other replica. An error page, a failed reconnection or a run that never
completes counts as an error; runs that reconnected are counted and their time
(reconnection included) is in the percentiles. nginx's access log gives the
websockets each replica took and whether any request was rate-limited (429).
Last, the rate limits against real first visits: LOAD_PROXY_LEVELS browsers open the
link at once from one address, each making the 144 requests Chromium makes
(LOAD_FIRST_VISIT_REQUESTS); `python -m bench.load --first-visits` runs only that.

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
import urllib.error
import urllib.request
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
PROXY = os.environ.get("LOAD_PROXY", "1") == "1"
PROXY_LEVELS = [int(n) for n in os.environ.get("LOAD_PROXY_LEVELS", "30").split(",") if n.strip()]
PROXY_REPLICAS = int(os.environ.get("LOAD_PROXY_REPLICAS", "2"))
KILL_AT_S = float(os.environ.get("LOAD_KILL_AT_S", "45"))
# A first visit in Chromium, measured through the proxy (deploy/README.md): up to 144 requests
# (Regions, with its map), 135 of them Streamlit's frontend files; the protocol client fetches
# only the few the HTML names, so the rate limits are checked by replaying that many per reader.
FIRST_VISIT_REQUESTS = int(os.environ.get("LOAD_FIRST_VISIT_REQUESTS", "144"))
BROWSER_CONNECTIONS = 6   # Chromium's connections per host (HTTP/1.1)
FIRST_VISITS: list[dict] = []   # first_visits() results of this run
OVERRIDES = sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith("STREAMLIT_"))


@dataclass
class Record:
    first: list[float] = field(default_factory=list)       # send -> first chart/table
    finished: list[float] = field(default_factory=list)    # send -> script finished
    by_page: dict[str, list[float]] = field(default_factory=dict)
    shell: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnected_runs: int = 0        # runs during which the websocket closed and was reopened
    reconnects: int = 0              # reopened websockets, between runs included
    sessions_reconnected: int = 0

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


def total_rss(pid: int | list[int]) -> float:
    """RSS of one server, or the sum over the replicas (MB)."""
    return sum(rss_mb(p) for p in (pid if isinstance(pid, list) else [pid]))


class RssSampler:
    """Samples the server's RSS in a thread; `peak` is the largest sample."""

    def __init__(self, pid: int | list[int], every_s: float = 0.5) -> None:
        self.pid, self.every_s, self.peak = pid, every_s, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, total_rss(self.pid))
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, total_rss(self.pid))


class CpuMeter:
    """CPU use during a level, in cores: the server, this client process, and everything else on
    the machine (other people's tests share these 2 cores and make the numbers noisier)."""

    def __init__(self, pid: int | list[int]) -> None:
        self.pids = pid if isinstance(pid, list) else [pid]
        self.last: dict[int, float] = {}

    @staticmethod
    def _machine() -> float:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        busy = sum(fields[:3]) + sum(fields[5:8])  # user nice system irq softirq steal
        return busy / os.sysconf("SC_CLK_TCK")

    def _server(self) -> float:
        for pid in self.pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.last[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            except FileNotFoundError:
                pass  # a replica killed mid-run: its time up to the last reading counts
        return sum(self.last.values())

    def sample(self) -> None:
        """Read the servers' CPU time now (before a replica is killed)."""
        self._server()

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
        rec.reconnects += session.reconnects
        rec.sessions_reconnected += bool(session.reconnects)
        await session.close()


async def session_tour(session, url: str, rec: Record, think, tours: int) -> None:
    from bench.stclient import fetch_shell

    if SHELL:
        try:
            rec.shell.append((await fetch_shell(url, jar=session.jar))[0])
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
            rec.reconnected_runs += v.reconnected
            if page == FILTER_PAGE:
                await think()
                # another option on each tour: a page revisited may still show the last tour's choice
                f = await session.change_filter(v, FILTER_KEY, FILTER_OPTION + tour, value=FILTER_VALUE)
                rec.add(f"{page} filter", f.first_chart_s, f.finished_s, f.error)
                rec.reconnected_runs += f.reconnected


async def protocol_level(url: str, pid: int | list[int], n: int, think_s: float, ramp_s: float, tours: int = 1,
                         kill=None) -> dict:
    """`kill`: (seconds after the start, callable) for the failover run."""
    rec = Record()
    done = asyncio.Event()
    left = [n]
    before = total_rss(pid)
    open_rss: list[float] = []

    async def watch_open() -> None:
        await done.wait()
        open_rss.append(total_rss(pid))  # every session finished its tour, all still connected

    start = time.perf_counter()
    with RssSampler(pid) as sampler, CpuMeter(pid) as cpu:
        watcher = asyncio.create_task(watch_open())
        killer = None
        if kill is not None:
            async def kill_later() -> None:
                await asyncio.sleep(kill[0])
                cpu.sample()
                await asyncio.to_thread(kill[1])
            killer = asyncio.create_task(kill_later())
        await asyncio.gather(*(
            protocol_tour(url, rec, think_s, random.Random(1000 * n + i), tours,
                          ramp_s * i / n if n > 1 else 0.0, done, left)
            for i in range(n)))
        await watcher
        if killer is not None:
            await killer
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
        "reconnected_runs": rec.reconnected_runs, "reconnects": rec.reconnects,
        "sessions_reconnected": rec.sessions_reconnected,
    }


def run_level(n: int, think_s: float, ramp_s: float, tours: int = 1) -> dict:
    with streamlit_server() as app:
        asyncio.run(warm_up(app.url))
        time.sleep(1)
        if CLIENT == "browser":
            return asyncio.run(browser_level(app.url, app.pid, n, think_s, ramp_s))
        return asyncio.run(protocol_level(app.url, app.pid, n, think_s, ramp_s, tours))


def run_proxy_level(n: int, think_s: float, ramp_s: float, failover: bool = False) -> dict:
    """n sessions through nginx in front of PROXY_REPLICAS replicas (deploy/serve.py)."""
    from deploy.serve import Cluster
    from tests.browser import free_port

    ports = [free_port() for _ in range(PROXY_REPLICAS)]
    with Cluster(ports, free_port()) as cluster:
        for port in ports:  # every replica warm, as a server a reader met before
            asyncio.run(warm_up(cluster.replica_url(port)))
        log = cluster.prefix / "logs" / "access.log"
        seen = log.stat().st_size if log.exists() else 0
        time.sleep(1)
        pids = [cluster.replicas[p].pid for p in ports]
        killed: list[tuple[int, int]] = []

        def kill_busiest() -> None:
            """Kill the replica holding more readers, so that the run tests a failover."""
            held = {p: established(p) for p in ports}
            port = max(ports, key=lambda p: held[p])
            killed.append((ports.index(port) + 1, held[port]))
            cluster.kill_replica(port)

        kill = (KILL_AT_S, kill_busiest) if failover else None
        r = asyncio.run(protocol_level(cluster.url, pids, n, think_s, ramp_s, 1, kill=kill))
        r.update(access_log_counts(log, seen, ports))
        r["killed"] = (f"replica {killed[0][0]} (holding {killed[0][1]} connections) at {KILL_AT_S:.0f} s"
                       if killed else "")
        return r


def established(port: int) -> int:
    """Open TCP connections to a local port (the replica's websockets, mostly): /proc/net/tcp."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if len(fields) > 3 and fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                count += 1
    return count


def first_visits(n: int) -> dict:
    """n browsers' first visits at once from one address, through the proxy: each fetches the
    page and FIRST_VISIT_REQUESTS - 1 of Streamlit's frontend files over 6 connections.
    Counts answers other than 200 (429 = rate-limited) and times each visit."""
    from concurrent.futures import ThreadPoolExecutor

    import streamlit

    from deploy.serve import Cluster
    from tests.browser import free_port

    static = Path(streamlit.__file__).resolve().parent / "static"
    files = sorted(str(p.relative_to(static)) for p in (static / "static").rglob("*") if p.is_file())
    paths = [""] + [files[i % len(files)] for i in range(FIRST_VISIT_REQUESTS - 1)]
    ports = [free_port() for _ in range(PROXY_REPLICAS)]
    with Cluster(ports, free_port()) as cluster:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

        def fetch(path: str) -> int:
            try:
                with opener.open(f"{cluster.url}/{path}", timeout=60) as r:
                    r.read()
                    return r.status
            except urllib.error.HTTPError as e:
                return e.code
            except OSError:
                return 0

        def visit(_: int) -> tuple[float, list[int]]:
            start = time.perf_counter()
            statuses = [fetch(paths[0])]
            with ThreadPoolExecutor(BROWSER_CONNECTIONS) as pool:
                statuses += list(pool.map(fetch, paths[1:]))
            return time.perf_counter() - start, statuses

        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(visit, range(n)))
    statuses = [s for _, ss in results for s in ss]
    return {"n": n, "requests": len(statuses), "limited": statuses.count(429),
            "failed": sum(s != 200 for s in statuses), "p95": pct([t for t, _ in results], 0.95)}


def first_visits_line(r: dict) -> str:
    return (f"First visits: {r['n']} browsers open the link at once from one address through the proxy, "
            f"{FIRST_VISIT_REQUESTS} requests each as Chromium makes them ({r['requests']} in all, "
            f"{BROWSER_CONNECTIONS} connections per browser): {r['limited']} rate-limited (429), "
            f"{r['failed']} not 200; all files of a visit in p95 {ms(r['p95'])} ms.")


def add_first_visits(new_lines: list[str]) -> None:
    """`--first-visits` alone: its lines replace the previous ones in the proxy section of RESULTS."""
    print("\n".join(new_lines))
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head, mark, tail = text.partition("\n### Through nginx")
    if not mark:
        return
    section, sep, rest = tail.partition("\n## ")
    kept = [line for line in section.rstrip("\n").split("\n") if not line.startswith("First visits:")]
    while kept and not kept[-1].strip():
        kept.pop()
    section = "\n".join([*kept, "", *new_lines]) + "\n"
    RESULTS.write_text(head + mark + section + (sep + rest if sep else ""), encoding="utf-8")


def access_log_counts(log: Path, offset: int, ports: list[int]) -> dict:
    """From nginx's access log (deploy/nginx.conf.template's `timed` format): websockets per
    replica, requests rate-limited (answered 429 or delayed) and the busiest second's requests."""
    import re

    per_replica = {p: 0 for p in ports}
    limited, per_second = 0, {}
    entry = re.compile(r'^(\d+)\.\d+ \S+ "([^"]*)" (\d+) \S+ \S+ (\S+) "[^"]*" "([^"]*)"$')
    with log.open(encoding="utf-8", errors="replace") as f:
        f.seek(offset)
        for line in f:
            m = entry.match(line.strip())
            if not m:
                continue
            second, request, status, limit, upstream = m.groups()
            per_second[second] = per_second.get(second, 0) + 1
            if status == "429" or limit in {"REJECTED", "DELAYED"}:
                limited += 1
            if request.startswith("GET /_stcore/stream") and status == "101":
                last = upstream.rsplit(",", 1)[-1].strip()  # after a retry: "A, B"
                for p in ports:
                    if last.endswith(f":{p}"):
                        per_replica[p] += 1
    return {"ws_per_replica": list(per_replica.values()), "limited": limited,
            "peak_rps": max(per_second.values(), default=0)}


def main() -> None:
    rows, extras, proxied = [], [], []
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
    if not PROXY or CLIENT != "protocol":
        return
    for kind, think, ramp, failover in (("meeting", THINK_S, RAMP_S, False), ("burst", 0.0, 0.0, False),
                                        ("failover", THINK_S, RAMP_S, True)):
        for n in PROXY_LEVELS:
            proxied.append((kind, run_proxy_level(n, think, ramp, failover)))
            print("proxy", kind, {k: v for k, v in proxied[-1][1].items() if k != "by_page"}, flush=True)
            write(rows, extras, proxied)
    for n in PROXY_LEVELS:
        FIRST_VISITS.append(first_visits(n))
        print(first_visits_line(FIRST_VISITS[-1]), flush=True)
        write(rows, extras, proxied)


def ms(x: float) -> str:
    return "—" if math.isnan(x) else f"{x * 1000:.0f}"


def extra(r: dict, base: dict | None) -> str:
    """Steady memory each session beyond the first adds: all tabs open, against the single session's."""
    if base is None or r["n"] <= 1:
        return "—"
    return f"{(r['rss_open'] - base['rss_open']) / (r['n'] - 1):.1f}"


def write(rows: list[dict], extras: list[tuple[str, dict]], proxied: list[tuple[str, dict]] | None = None) -> None:
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
    if proxied:
        lines += proxy_lines(proxied, rows, extras, single)
    lines.append("")
    text = "\n".join(lines)
    print(text)
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    head, _, tail = previous.partition("\n## Load\n")
    # keep any section that follows the Load section
    rest = tail.split("\n## ", 1)[1] if "\n## " in tail else ""
    RESULTS.write_text(head.rstrip() + "\n" + text + ("\n## " + rest if rest else ""), encoding="utf-8")


def proxy_lines(proxied: list[tuple[str, dict]], rows: list[dict], extras: list[tuple[str, dict]],
                single: float) -> list[str]:
    """The "through nginx" table, each scenario beside the single-process run of the same one."""
    direct = {("meeting", r["n"]): r for r in rows} | {(k, r["n"]): r for k, r in extras}
    lines = [
        "", f"### Through nginx, {PROXY_REPLICAS} replicas", "",
        f"The same sessions through nginx (deploy/, `make serve`'s setup: sticky route cookie, rate limits, "
        f"Streamlit's frontend files from disk) in front of {PROXY_REPLICAS} replicas of the app, each warmed "
        f"directly; CPU and memory are the replicas' sums. \"single process\" is the same scenario above, "
        f"against one server. Failover: the meeting scenario, and the replica holding more readers' "
        f"connections is killed (SIGKILL) {KILL_AT_S:.0f} s after the start; its readers reconnect as the "
        f"browser does and nginx sends them to the other replica (times of the runs that reconnected "
        f"include the reconnection).",
        "",
        "| scenario | sessions | runs | first chart p50 (ms) | p95 (ms) | p95 / single session "
        "| single process p95 (ms) | errors | websockets opened per replica | runs reconnected / sessions reconnected | 429s "
        "| busiest second (requests) | replicas MB before → peak | CPU cores: replicas / client / other |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for kind, r in proxied:
        same = direct.get(("meeting" if kind == "failover" else kind, r["n"]))
        lines.append(
            f"| {kind} | {r['n']} | {r['samples']} | {ms(r['p50'])} | {ms(r['p95'])} | {r['p95'] / single:.2f} | "
            f"{ms(same['p95']) if same else '—'} | {r['errors']} | {' / '.join(map(str, r['ws_per_replica']))} | "
            f"{r['reconnected_runs']} / {r['sessions_reconnected']} | {r['limited']} | {r['peak_rps']} | "
            f"{r['rss_before']:.0f} → {r['rss_peak']:.0f} | "
            f"{r['cpu_server']:.2f} / {r['cpu_client']:.2f} / {r['cpu_other']:.2f} |")
    lines += [f"Failover: killed {r['killed']}." for kind, r in proxied if kind == "failover" and r.get("killed")]
    errors = [e for _, r in proxied for e in r["error_list"]]
    if errors:
        lines.append("First errors through the proxy: " + "; ".join(errors[:5]) + ".")
    lines += ["", *(first_visits_line(r) for r in FIRST_VISITS)] if FIRST_VISITS else []
    return lines


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--first-visits"]:  # only the rate-limit check of first visits
        add_first_visits([first_visits_line(first_visits(n)) for n in PROXY_LEVELS])
    else:
        main()
