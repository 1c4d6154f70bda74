"""The README's screenshot: a view that answers the Justice page's question (how many cases
move from registration to conviction), at 1280 px wide.

    .venv/bin/python tools/readme_screenshot.py [OUT, default docs/justice.png]

It serves the app, opens Justice on its default view (the latest year whose funnel has most
stages reported, every reporter side by side), waits for the chart, takes the page from its
top to the foot of the chart (every reporter's panel), and saves a palette PNG (under 300 KB;
it fails otherwise)."""
from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser import FIRST_CONTENT, launch, streamlit_server  # noqa: E402

WIDTH, HEIGHT = 1280, 1800  # a desktop's width; tall enough for every panel of the funnel
LIMIT = 300_000


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/justice.png")
    with streamlit_server() as server, sync_playwright() as pw:
        browser = launch(pw)
        context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, locale="en-US")
        page = context.new_page()
        page.goto(f"{server.url}/justice?lang=en")
        page.wait_for_selector(FIRST_CONTENT, timeout=60_000)
        page.wait_for_timeout(2500)  # plotly finishes drawing
        bottom = page.evaluate("() => document.querySelector('.js-plotly-plot').getBoundingClientRect().bottom")
        shot = page.screenshot(clip={"x": 0, "y": 0, "width": WIDTH, "height": min(HEIGHT, int(bottom) + 16)})
        browser.close()
    image = Image.open(io.BytesIO(shot)).convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    if buffer.tell() > LIMIT:
        raise SystemExit(f"{out}: {buffer.tell()} bytes, over {LIMIT}")
    out.write_bytes(buffer.getvalue())
    print(out, buffer.tell(), "bytes")


if __name__ == "__main__":
    main()
