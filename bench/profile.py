"""Where the server's time goes under load: `python -m bench.profile` (never part of the tests).

Starts the app with the sampling profiler of bench/stackprof (a sitecustomize that samples
every thread's stack), warms it like bench/load.py, runs one meeting-scenario level of
PROFILE_N protocol sessions (30; LOAD_* settings apply), and prints:
- the server's CPU use over the level (utime + stime from /proc, in cores);
- busy samples per thread role (event loop, script runners, thread pool);
- the functions with the most busy samples, self and inclusive, per role.
"""
from __future__ import annotations

import asyncio
import json
import os
import time
from collections import Counter
from pathlib import Path

from bench import load
from tests.browser import ROOT, streamlit_server

N = int(os.environ.get("PROFILE_N", "30"))
OUT = Path(os.environ.get("PROFILE_OUT", "/tmp/stackprof.json"))
TOP = int(os.environ.get("PROFILE_TOP", "25"))
TOURS = int(os.environ.get("PROFILE_TOURS", "1"))  # tours per session (several for PROFILE_N=1)


def cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def short(frame: str) -> str:
    path, _, func = frame.rpartition(":")
    for marker in (str(ROOT) + "/", "site-packages/", "lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{func}"


def report(data: dict, wall: float, cpu: float) -> None:
    total = sum(data["threads"].values()) or 1
    print(f"\nserver CPU over the level: {cpu:.1f} s in {wall:.1f} s = {cpu / wall:.2f} cores")
    print("busy samples by thread role:",
          ", ".join(f"{r} {n / total:.0%}" for r, n in Counter(data["threads"]).most_common()))
    by_role: dict[str, tuple[Counter, Counter]] = {}
    for stack, n in data["stacks"].items():
        role, *frames = stack.split(";")
        self_c, incl_c = by_role.setdefault(role, (Counter(), Counter()))
        frames = [short(f) for f in frames]
        self_c[frames[-1]] += n
        for f in set(frames):
            incl_c[f] += n
    for role, (self_c, incl_c) in sorted(by_role.items(), key=lambda kv: -sum(kv[1][0].values())):
        n_role = sum(self_c.values())
        print(f"\n== {role}: {n_role} samples ({n_role / total:.0%}) ==")
        print("  self:")
        for f, n in self_c.most_common(TOP):
            print(f"    {n / n_role:6.1%}  {f}")
        print("  inclusive:")
        for f, n in incl_c.most_common(TOP + 15):
            print(f"    {n / n_role:6.1%}  {f}")


def main() -> None:
    OUT.unlink(missing_ok=True)
    env = {"PYTHONPATH": os.pathsep.join([str(ROOT / "bench" / "stackprof"), os.environ.get("PYTHONPATH", "")]),
           "STACKPROF_OUT": str(OUT)}
    with streamlit_server(env=env) as app:
        asyncio.run(load.warm_up(app.url))
        time.sleep(3)
        before = json.loads(OUT.read_text()) if OUT.exists() else {"threads": {}, "stacks": {}}
        cpu0, t0 = cpu_s(app.pid), time.perf_counter()
        row = asyncio.run(load.protocol_level(app.url, app.pid, N, load.THINK_S, load.RAMP_S, TOURS))
        cpu, wall = cpu_s(app.pid) - cpu0, time.perf_counter() - t0
        time.sleep(2.5)  # one more dump
        after = json.loads(OUT.read_text())
    # only the level: subtract what the warm-up left in the counters
    data = {"threads": Counter(after["threads"]) - Counter(before["threads"]),
            "stacks": Counter(after["stacks"]) - Counter(before["stacks"])}
    print({k: v for k, v in row.items() if k != "by_page"})
    report(data, wall, cpu)


if __name__ == "__main__":
    main()
