"""The desk's UI refuses everyone who has not signed in (AppTest), and the public app has no
way to reach the desk's actions."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from desk.auth import hash_password, verify

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "desk" / "app.py")
HASH = hash_password("correct horse")


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("RAPPORTEUR_DESK_URL", f"sqlite:///{tmp_path / 'desk.sqlite'}")

    def make(users: dict | None = None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        if users is not None:
            at.secrets["desk"] = {"users": users}
        at.query_params["lang"] = "en"
        return at.run()

    return make


def _actions(at: AppTest) -> set[str]:
    return {b.label for b in at.button} | {t.label for t in at.tabs}


def test_verify():
    assert verify({"ana": HASH}, "ana", "correct horse")
    assert not verify({"ana": HASH}, "ana", "wrong")
    assert not verify({"ana": HASH}, "bek", "correct horse")
    assert not verify({"ana": "not a hash"}, "ana", "correct horse")
    assert not verify({"ana": HASH}, "ana", "")


def test_no_account_configured_nobody_gets_in(desk):
    at = desk(None)
    assert not at.exception
    assert any("No desk account is configured" in e.value for e in at.error)
    assert not at.text_input and not at.tabs and "Publish" not in _actions(at)


def test_no_sign_in_shows_only_the_form(desk):
    at = desk({"ana": HASH})
    assert not at.exception
    assert [t.label for t in at.text_input] == ["Name", "Password"]
    assert not at.tabs and "Publish" not in _actions(at) and "Roll back" not in _actions(at)


def test_wrong_password_is_refused(desk):
    at = desk({"ana": HASH})
    at.text_input(key="desk_name").input("ana")
    at.text_input(key="desk_password").input("wrong")
    at = at.button[0].click().run()
    assert any("Wrong name or password" in e.value for e in at.error)
    assert not at.tabs and "desk_user" not in at.session_state


def test_right_password_opens_the_desk(desk):
    at = desk({"ana": HASH})
    at.text_input(key="desk_name").input("ana")
    at.text_input(key="desk_password").input("correct horse")
    at = at.button[0].click().run()
    assert not at.exception, at.exception
    assert at.session_state["desk_user"] == "ana"
    assert len(at.tabs) == 5 and any("Current release: 1" in c.value for c in at.caption)


def test_the_public_app_never_reaches_the_desk():
    """No public module imports desk (also an import-linter contract), and loading the public
    entry point and every page module does not load it either."""
    public = [ROOT / "app.py", ROOT / "server.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"),
              *(ROOT / "exports").glob("*.py"), *(ROOT / "metrics").glob("*.py")]
    for path in public:
        text = path.read_text(encoding="utf-8")
        assert "import desk" not in text and "from desk" not in text, path
    code = "import sys, ui.pages, exports.excel; print('desk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_with_an_identity_provider_only_its_sign_in_shows(desk, tmp_path, monkeypatch):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = {"redirect_uri": "http://127.0.0.1:8502/oauth2callback", "cookie_secret": "x" * 32,
                          "client_id": "desk", "client_secret": "s",
                          "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}
    at.secrets["desk"] = {"users": {"ana": HASH}}  # local accounts are not offered then
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Sign in"] and not at.text_input and not at.tabs


def test_make_desk_binds_to_this_machine():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "DESK_ADDRESS ?= 127.0.0.1" in makefile
    assert "streamlit run desk/app.py --server.address $(DESK_ADDRESS)" in makefile
    assert "[python: desk/**.py]" in (ROOT / "i18n" / "babel.cfg").read_text(encoding="utf-8")  # translated
