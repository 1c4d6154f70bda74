"""Offline build of the map boundaries committed in geo/ (see build.py)."""
