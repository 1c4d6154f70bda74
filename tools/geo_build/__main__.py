"""`python -m tools.geo_build`: rebuild the boundaries in geo/ (see build.py)."""
from tools.geo_build.build import main

main()
