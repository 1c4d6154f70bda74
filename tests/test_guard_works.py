"""The socket guard used by the browser tests really catches an outgoing connection."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

GUARD = Path(__file__).resolve().parent / "netguard"


def test_guard_records_and_refuses(tmp_path: Path) -> None:
    log = tmp_path / "out.log"
    code = "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\nexcept OSError as e:\n    print(type(e).__name__)\n"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                         env={"PYTHONPATH": str(GUARD), "RAPPORTEUR_SOCKET_LOG": str(log)})
    assert "ConnectionRefusedError" in out.stdout
    assert "192.0.2.1" in log.read_text()


def test_guard_records_and_refuses_name_lookups(tmp_path: Path) -> None:
    log = tmp_path / "out.log"
    code = ("import socket\ntry:\n    socket.getaddrinfo('checkip.amazonaws.com', 80)\nexcept OSError as e:\n"
            "    print(type(e).__name__)\nprint(len(socket.getaddrinfo('localhost', 80)) > 0)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30,
                         env={"PYTHONPATH": str(GUARD), "RAPPORTEUR_SOCKET_LOG": str(log)})
    assert out.stdout.split() == ["gaierror", "True"]
    assert "checkip.amazonaws.com" in log.read_text()
