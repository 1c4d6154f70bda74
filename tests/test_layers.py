"""The layers hold: `lint-imports` (import-linter) checks every contract in .importlinter.

pages -> ui -> brief | exports -> metrics -> data | geo -> i18n: a module imports only
from its own layer or below; metrics imports neither streamlit nor i18n; data, geo and
exports run without streamlit. A broken contract fails here with import-linter's
report: which module imports which, on which line.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def lint_imports(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    command = str(exe) if exe.exists() else shutil.which("lint-imports")
    assert command, "lint-imports is missing: install requirements-test.txt (import-linter)"
    return subprocess.run([command, "--no-cache", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_every_layer_contract_is_kept() -> None:
    result = lint_imports()
    report = result.stdout + result.stderr
    assert "Analyzed" in report, report  # it did look at the code
    assert result.returncode == 0 and " 0 broken" in report, report[report.find("Contracts"):]


def test_a_broken_contract_is_reported(tmp_path: Path) -> None:
    """The check can fail: a contract the code breaks on purpose (every page imports ui)."""
    config = tmp_path / "broken.ini"
    config.write_text("[importlinter]\nroot_packages =\n    pages\n    ui\n\n"
                      "[importlinter:contract:pages-without-ui]\nname = pages without ui\ntype = forbidden\n"
                      "source_modules =\n    pages\nforbidden_modules =\n    ui\n", encoding="utf-8")
    result = lint_imports(str(config))
    assert result.returncode != 0
    assert "pages without ui BROKEN" in result.stdout
    assert "pages.justice -> ui" in result.stdout  # the page scripts are analysed too
