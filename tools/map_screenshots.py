"""Screenshots of the Regions and Migration pages at 390 and 1280 px in en/ru/ky, for review.

    .venv/bin/python tools/map_screenshots.py [OUTDIR] [extra query, e.g. region=KG-C]

Each shot is the first screen (what a reader sees before scrolling) and the whole page; the
390 px shots with a phone's user agent, as a phone gets the page."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import FIRST_CONTENT, PHONE_AGENT, full_screenshot, launch, streamlit_server  # noqa: E402


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/artifacts")
    extra = sys.argv[2] if len(sys.argv) > 2 else ""
    out.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch(pw)
        for name in ("regions", "migration"):
            for lang in ("en", "ru", "ky"):
                for width, height in ((390, 844), (1280, 900)):
                    phone = {"user_agent": PHONE_AGENT, "has_touch": True} if width < 600 else {}
                    context = browser.new_context(viewport={"width": width, "height": height}, **phone)
                    page = context.new_page()
                    query = f"lang={lang}" + (f"&{extra}" if extra else "")
                    page.goto(f"{server.url}/{name}?{query}")
                    page.wait_for_selector(FIRST_CONTENT, timeout=60_000)
                    page.wait_for_timeout(2500)
                    stem = out / f"{name}_{lang}_{width}"
                    page.screenshot(path=f"{stem}_first.png")
                    full_screenshot(page, f"{stem}_full.png")
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
