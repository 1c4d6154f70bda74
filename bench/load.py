"""Load benchmark: `make load` (never part of the tests).

Opens N concurrent browser sessions (N = 1, 10, 30) against one local server. Each
session visits every page in turn, waits for its first chart or table, then changes
one filter on the Justice page. Reports p50/p95 time to first content, errors, and
the server's resident memory; appends the result to bench/RESULTS.md.
Goal: 30 sessions, zero errors, p95 at most 2x the single-session time, under 10 MB
of server memory per session.
"""
from __future__ import annotations

import asyncio
import os
import statistics
import time

from bench.run import machine, rss_mb
from tests.browser import CHROMIUM, CHROMIUM_ARGS, FIRST_CONTENT, PAGES, ROOT, streamlit_server

LEVELS = [int(n) for n in os.environ.get("LOAD_LEVELS", "1,10,30").split(",")]
RESULTS = ROOT / "bench" / "RESULTS.md"


async def session(browser, url: str, times: list[float], errors: list[str]) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        for name in PAGES:
            start = time.perf_counter()
            try:
                await page.goto(f"{url}/{name}")
                await page.wait_for_selector(FIRST_CONTENT, state="visible", timeout=120_000)
                times.append(time.perf_counter() - start)
                if await page.locator("[data-testid='stException']").count():
                    errors.append(f"{name}: error element")
            except Exception as exc:  # a timeout or a crash is an error, not a stop
                errors.append(f"{name}: {type(exc).__name__}")
        try:  # change one filter: another view of the Justice page
            await page.goto(f"{url}/justice")
            await page.wait_for_selector(FIRST_CONTENT, state="visible", timeout=120_000)
            start = time.perf_counter()
            await page.get_by_text("Across the years", exact=True).click()
            await page.get_by_role("heading", name="Each stage across the years").wait_for(timeout=120_000)
            times.append(time.perf_counter() - start)
        except Exception as exc:
            errors.append(f"filter: {type(exc).__name__}")
    finally:
        await context.close()


async def level(url: str, pid: int, n: int) -> dict:
    from playwright.async_api import async_playwright

    times: list[float] = []
    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        base = rss_mb(pid)
        await asyncio.gather(*(session(browser, url, times, errors) for _ in range(n)))
        peak = rss_mb(pid)
        await browser.close()
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("nan")
    return {"n": n, "p50": statistics.median(ordered) if ordered else float("nan"), "p95": p95,
            "errors": len(errors), "error_list": errors[:5], "rss_before": base, "rss_after": peak}


def main() -> None:
    rows = []
    with streamlit_server() as app:
        for n in LEVELS:
            rows.append(asyncio.run(level(app.url, app.pid, n)))
            print(rows[-1])
            write(rows)  # after every level, so a long run that is stopped still leaves its results


def write(rows: list[dict]) -> None:
    single = rows[0]["p95"]
    lines = ["", "## Load", "",
             f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}: N concurrent sessions, each "
             f"visiting all {len(PAGES)} pages and changing one filter.", "",
             "| sessions | p50 (ms) | p95 (ms) | p95 / single | errors | server MB before → after | MB per extra session |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        # memory each extra session adds, over the server's memory with one session open
        per = ((r["rss_after"] - rows[0]["rss_after"]) / (r["n"] - 1)) if r["n"] > 1 else None
        lines.append(f"| {r['n']} | {r['p50'] * 1000:.0f} | {r['p95'] * 1000:.0f} | {r['p95'] / single:.2f} | "
                     f"{r['errors']} | {r['rss_before']:.0f} → {r['rss_after']:.0f} | "
                     f"{'—' if per is None else f'{per:.1f}'} |")
    last = rows[-1]
    met = last["n"] >= 30 and last["errors"] == 0 and last["p95"] <= 2 * single
    lines += ["", f"Goal (30 sessions, zero errors, p95 ≤ 2× single): {'met' if met else 'NOT met'}"
              + ("" if last["n"] >= 30 else f" (measured up to {last['n']} sessions)") + ".",
              "The browsers run on the same machine as the server, so these times include the "
              "browsers' own rendering on the same cores.", ""]
    text = "\n".join(lines)
    print(text)
    previous = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    previous = previous.split("\n## Load\n")[0].rstrip() + "\n"
    RESULTS.write_text(previous + text, encoding="utf-8")


if __name__ == "__main__":
    main()
