"""Shared fixtures: the project root on sys.path, and where the sources live."""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# Randomised tests draw a fresh seed each run and say which: the pytest header prints it,
# and HYPOTHESIS_SEED=<n> replays that run exactly.
SEED = int(os.environ.get("HYPOTHESIS_SEED") or random.SystemRandom().randrange(2**32))


def pytest_report_header(config) -> str:
    return f"hypothesis seed: {SEED} (set HYPOTHESIS_SEED={SEED} to replay this run)"
