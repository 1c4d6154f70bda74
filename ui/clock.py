"""Today's date, injectable: pages ask here instead of calling `date.today()`.

What a page says about the age of the data ("Latest data is 6 years old") depends
on today. Tests and screenshots set `RAPPORTEUR_TODAY` (an ISO date) so their
expectations do not change with the calendar; without it this is the real date.
"""
from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """`RAPPORTEUR_TODAY` when set to a valid ISO date, else the real date."""
    fixed = os.environ.get("RAPPORTEUR_TODAY", "")
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        return date.today()
