"""A throwaway PostgreSQL server for the desk tests, and the `desk_url` fixture.

`desk_url` gives each test a fresh, empty database: a SQLite file in the test's temporary
folder, and -- when Debian's PostgreSQL binaries are present (/usr/lib/postgresql/<v>/bin) --
a new database on a server started once per test session with `initdb` + `pg_ctl` in a
temporary folder, on a free local port, listening on 127.0.0.1 only. initdb refuses to run as
root, so as root the server runs as the `postgres` user (runuser) and the folder is made theirs.
Without the binaries the PostgreSQL cases are skipped, saying why.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

PG_BINS = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_user(cmd: list[str], user: str | None) -> list[str]:
    return ["runuser", "-u", user, "--", *cmd] if user else cmd


@pytest.fixture(scope="session")
def pg_server():
    """(host, port, user) of a throwaway PostgreSQL server, stopped and removed after the session."""
    if not PG_BINS:
        pytest.skip("PostgreSQL binaries are absent (/usr/lib/postgresql/*/bin): PostgreSQL cases skipped")
    bin_dir = Path(PG_BINS[-1])
    user = None
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run initdb as")
        user = "postgres"
    base = Path(tempfile.mkdtemp(prefix="desk-pg-"))
    data = base / "data"
    if user:
        shutil.chown(base, user)
    port = _free_port()
    init = subprocess.run(_as_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "desk", "-A", "trust",
                                    "-E", "UTF8", "--no-locale"], user), capture_output=True, text=True)
    if init.returncode:
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"initdb failed: {init.stderr.strip()[:300]}")
    opts = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off"
    start = subprocess.run(_as_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", opts, "-l",
                                     str(base / "log"), "-w", "start"], user), capture_output=True, text=True)
    if start.returncode:
        log = (base / "log").read_text(errors="replace")[-300:] if (base / "log").exists() else start.stderr
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"pg_ctl start failed: {log}")
    try:
        yield "127.0.0.1", port, "desk"
    finally:
        subprocess.run(_as_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user),
                       capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def new_pg_database(server) -> str:
    """A fresh database on the throwaway server; its SQLAlchemy URL."""
    import psycopg

    host, port, user = server
    name = "desk_" + uuid.uuid4().hex[:12]
    with psycopg.connect(host=host, port=port, user=user, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{user}@{host}:{port}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def desk_url(request, tmp_path, monkeypatch):
    """An empty desk database (SQLite, then PostgreSQL), with the desk's folder in tmp_path."""
    monkeypatch.setenv("RAPPORTEUR_DESK_HOME", str(tmp_path / "home"))
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    else:
        url = new_pg_database(request.getfixturevalue("pg_server"))
    monkeypatch.setenv("RAPPORTEUR_DESK_URL", url)
    yield url
    from desk import db

    eng = db._ENGINES.pop(url, None)
    if eng is not None:
        eng.dispose()
