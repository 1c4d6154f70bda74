"""A sampling profiler for the server process of `python -m bench.profile` (py-spy is not installed).

Loaded only when bench/stackprof is on PYTHONPATH and STACKPROF_OUT names a file. A daemon
thread takes every thread's Python stack (`sys._current_frames`) every STACKPROF_INTERVAL_S
seconds, skips threads that are parked (an event loop in select, a pool worker or a runner
waiting on a condition), and every 2 s writes the counts to STACKPROF_OUT as JSON:
{"interval": s, "threads": {role: samples}, "stacks": {"role;file:func;...": samples}}.
A thread waiting for the GIL counts as busy at its current line, so under contention the
counts show where threads want to run, not only where one holds the GIL.
"""
from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import Counter

OUT = os.environ.get("STACKPROF_OUT")
INTERVAL = float(os.environ.get("STACKPROF_INTERVAL_S", "0.005"))
IDLE = {("selectors.py", "select"), ("threading.py", "wait"), ("threading.py", "_wait_for_tstate_lock"),
        ("queue.py", "get"), ("thread.py", "_worker"), ("base_events.py", "_run_once"),
        ("tasks.py", "sleep"), ("threading.py", "_bootstrap_inner"),
        ("polling_path_watcher.py", "task"),  # time.sleep between polls of secrets/config files
        ("_asyncio.py", "run")}               # an AnyIO worker thread waiting for work


def _role(thread: threading.Thread | None) -> str:
    if thread is None:
        return "other"
    if thread is threading.main_thread():
        return "main (event loop)"
    name = thread.name
    if name.startswith("ScriptRunner"):
        return "script runner"
    if name.startswith("asyncio") or "ThreadPoolExecutor" in name:
        return "thread pool"
    return name.split("-")[0] or "other"


def _sample(stacks: Counter, roles: Counter, me: int) -> None:
    threads = {t.ident: t for t in threading.enumerate()}
    for ident, frame in sys._current_frames().items():
        if ident == me:
            continue
        code = frame.f_code
        if (os.path.basename(code.co_filename), code.co_name) in IDLE:
            continue
        parts = []
        while frame is not None:
            c = frame.f_code
            parts.append(f"{c.co_filename}:{c.co_name}")
            frame = frame.f_back
        role = _role(threads.get(ident))
        roles[role] += 1
        stacks[role + ";" + ";".join(reversed(parts))] += 1


def _run() -> None:
    stacks: Counter = Counter()
    roles: Counter = Counter()
    me = threading.get_ident()
    last = time.monotonic()
    while True:
        time.sleep(INTERVAL)
        try:
            _sample(stacks, roles, me)
        except Exception:  # a thread that ended mid-walk
            pass
        if time.monotonic() - last > 2:
            last = time.monotonic()
            tmp = OUT + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump({"interval": INTERVAL, "threads": roles, "stacks": stacks}, f)
            os.replace(tmp, OUT)


if OUT:
    threading.Thread(target=_run, name="stackprof", daemon=True).start()
