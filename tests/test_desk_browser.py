"""End to end in headless Chromium: sign in to the desk, register a small document written for
the test, import a workbook with one bad row, then the corrected one, preview, publish, see the
figure with its citation (document name and line) on the public Justice page, roll back and see
it gone -- on SQLite and on a throwaway PostgreSQL. With SQLite the public app reads the desk's
own folder (one machine); with PostgreSQL it is a replica with a folder of its own that follows
the database (server.py's lifespan, desk/replica.py), as behind nginx."""
from __future__ import annotations


import re
import time
from pathlib import Path

import pytest

from desk.auth import hash_password
from desk.release import current_data_dir
from tests.browser import FIRST_CONTENT, launch, streamlit_server
from tests.pg import new_pg_database, pg_server  # noqa: F401  (fixture)
from tests.test_desk_import import DOCUMENT, JUSTICE, OLD_YEAR, workbook

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[1]


def _wait_for_release(folder: Path, number: int, seconds: float = 60) -> None:
    """Until `folder` holds release `number` (a replica follows within its sync interval)."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = current_data_dir(folder)
        if found and Path(found).name == str(number):
            return
        time.sleep(0.2)
    raise AssertionError(f"the folder did not reach release {number} within {seconds} s")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_desk_end_to_end(database, tmp_path, request):
    from playwright.sync_api import expect, sync_playwright

    home = tmp_path / "home"
    url = (f"sqlite:///{tmp_path / 'desk.sqlite'}" if database == "sqlite"
           else new_pg_database(request.getfixturevalue("pg_server")))
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f'[desk.users]\nana = "{hash_password("s3cret-pass")}"\n', encoding="utf-8")
    doc = tmp_path / "office.txt"
    doc.write_text(DOCUMENT, encoding="utf-8")
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook(("justice", {**JUSTICE, "value": "1 7"}), ("justice", OLD_YEAR)))
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook(("justice", JUSTICE), ("justice", OLD_YEAR)))
    desk_env = {"RAPPORTEUR_DESK_HOME": str(home), "RAPPORTEUR_DESK_URL": url}
    # the public app: on SQLite it reads the desk's folder; on PostgreSQL it is a replica
    replica = home if database == "sqlite" else tmp_path / "replica"
    public_env = ({"RAPPORTEUR_DESK_HOME": str(home)} if database == "sqlite" else
                  {"RAPPORTEUR_DESK_HOME": str(replica), "RAPPORTEUR_DESK_URL": url, "RAPPORTEUR_DESK_SYNC_S": "1"})
    # one shared way to start a test server (tests/browser.py), for the desk and the public app
    with streamlit_server(desk_env, script="desk/app.py", args=("--secrets.files", str(secrets))) as desk, \
            streamlit_server(public_env) as public, sync_playwright() as pw:
        base = desk.url
        browser = launch(pw)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(60_000)
        expect.set_options(timeout=60_000)  # an import check runs the loader on every dataset
        page.goto(f"{base}/?lang=en")
        page.get_by_label("Name", exact=True).fill("ana")
        page.get_by_label("Password", exact=True).fill("wrong")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Wrong name or password.")).to_be_visible()
        page.get_by_label("Password", exact=True).fill("s3cret-pass")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Current release: 1")).to_be_visible()

        page.get_by_role("tab", name="2. Document").click()
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(0).set_input_files(str(doc))
        page.get_by_label("Title", exact=True).fill("Annual statistics 2024")
        page.get_by_label("Publisher", exact=True).fill("The office")
        page.get_by_label("Short code (Latin letters, digits, hyphens; optional)").fill("office-2024")
        page.get_by_role("button", name="Register the document").click()
        expect(page.get_by_text("Document registered as “office-2024”.")).to_be_visible()

        page.get_by_role("tab", name="3. Import").click()
        page.get_by_role("combobox", name="Document the figures come from").click()
        page.get_by_role("option", name="office-2024").click()
        expect(page.get_by_role("combobox", name="Document the figures come from")).to_have_value("office-2024")
        uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(1)
        uploader.set_input_files(str(bad))
        expect(page.get_by_text("Nothing was saved.", exact=False)).to_be_visible()
        uploader.set_input_files(str(good))
        expect(page.get_by_text("Every check passed. Preview:")).to_be_visible()
        expect(page.get_by_text("Criminal justice: 2 new, 0 changed, 0 removed")).to_be_visible()
        # the affected page's chart drawn with the new figures, marked as not yet published
        expect(page.get_by_text("Not yet published: only the desk shows these charts", exact=False)).to_be_visible()
        expect(page.locator(".js-plotly-plot").first).to_contain_text("Not yet published: Criminal")
        page.get_by_role("button", name="Keep this import for the next release").click()
        expect(page.get_by_text("Import 1 is ready", exact=False)).to_be_visible()

        page.get_by_role("tab", name="4. Publish").click()
        note = page.get_by_label("What changes in this release (a note for readers)")
        note.fill("Office figures 2024")
        note.press("Enter")
        page.get_by_role("button", name="Publish").click()
        expect(page.get_by_text("Release 2 is public.")).to_be_visible()
        folder = current_data_dir(home)
        justice = Path(folder, "justice.csv").read_text(encoding="utf-8")
        assert ",17,cases,2024," in justice and ",office-2024,2," in justice  # the figure and its citation
        assert "office-2024" in Path(folder, "sources.csv").read_text(encoding="utf-8")
        _wait_for_release(replica, 2)
        reader = browser.new_page(viewport={"width": 1400, "height": 1000})
        reader.set_default_timeout(90_000)
        reader.goto(f"{public.url}/justice?lang=en&year=2024")
        # the chart's source line names the new document (its short name, never its id) and the line
        # (the chart wraps long source lines to the chart's width: read its lines joined)
        reader.wait_for_selector(".js-plotly-plot .main-svg", timeout=90_000)
        chart_text = reader.evaluate(
            "() => [...document.querySelectorAll('.js-plotly-plot .annotation-text')].map(a => {"
            "  const lines = [...a.querySelectorAll('tspan.line')].map(t => t.textContent);"
            "  return lines.length ? lines.join(' ') : a.textContent; }).join('\\n')")
        assert re.search(r"Sources: .*Annual statistics 2024, line 2\b", " ".join(chart_text.split())), chart_text
        expect(reader.get_by_text("17 cases", exact=True).first).to_be_visible()

        page.get_by_role("tab", name="5. Releases").click()
        page.get_by_role("button", name="Roll back").click()
        expect(page.get_by_text("Release 3 is public: a copy of release 1.")).to_be_visible()
        assert "office-2024" not in Path(current_data_dir(home), "justice.csv").read_text(encoding="utf-8")
        _wait_for_release(replica, 3)
        reader.goto(f"{public.url}/justice?lang=en")
        reader.wait_for_selector(FIRST_CONTENT, timeout=90_000)
        expect(reader.get_by_text(re.compile(r"^Sources?: ")).first).to_be_visible(timeout=90_000)
        expect(reader.locator("body")).not_to_contain_text("Annual statistics 2024")
        browser.close()

