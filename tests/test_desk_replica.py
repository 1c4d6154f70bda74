"""Replicas follow the desk database's current release (server.py's lifespan, `python -m desk sync`):
once at start, then every interval (a fake sleep here: no waiting, no clock); nothing at all
without a configured database; a database that does not answer leaves the folder as it was."""
from __future__ import annotations

import asyncio
import sys
import subprocess
from pathlib import Path

import server as replica
from desk import store
from desk.release import current_data_dir, release_info
from tests.pg import desk_url, pg_server  # noqa: F401  (fixtures)
from tests.test_desk_release import _payload

ROOT = Path(__file__).resolve().parents[1]


def _publish(eng, note: str) -> int:
    store.stage(eng, _payload(store.release_tables(eng)[0]), "ana", "sha")
    return store.publish(eng, note, "ana")


def _number(folder: Path) -> int | None:
    info = release_info(current_data_dir(folder))
    return info["number"] if info else None


def test_each_replica_syncs_at_start_then_every_interval(desk_url, tmp_path):
    eng = store.ensure(desk_url)
    a, b = tmp_path / "replica-a", tmp_path / "replica-b"
    assert _publish(eng, "two") == 2
    slept: list[float] = []
    held = asyncio.Event()  # never set: the background round waits until the context ends

    async def hold(seconds: float) -> None:
        slept.append(seconds)
        await held.wait()

    async def recorded(seconds: float) -> None:
        slept.append(seconds)

    async def scenario() -> None:
        async with replica.following(desk_url, a, interval=60, sleep=hold):
            assert _number(a) == 2  # synced before the first page is served
            assert _number(b) is None  # the other replica has not started yet
            await asyncio.sleep(0)
            assert slept == [60]  # the background round is waiting for its minute
            assert store.rollback(eng, 1, "bek") == 3
            await replica.follow(desk_url, b, interval=60, sleep=recorded, rounds=2)
            assert _number(b) == 3 and _number(a) == 2  # a follows at its next round, not before
            await replica.follow(desk_url, a, interval=60, sleep=recorded, rounds=1)
            assert _number(a) == 3
        assert slept == [60, 60, 60, 60]

    asyncio.run(scenario())
    assert (Path(current_data_dir(a)) / "justice.csv").read_text(encoding="utf-8") == (
        ROOT / "data" / "justice.csv").read_text(encoding="utf-8")  # release 3 restores release 1


def test_no_database_configured_means_nothing_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("RAPPORTEUR_DESK_URL", raising=False)
    assert replica.desk_url(tmp_path / "absent.toml") is None
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[desk.users]\nana = "x"\n', encoding="utf-8")
    assert replica.desk_url(secrets) is None
    secrets.write_text('[connections.sql]\nurl = "postgresql+psycopg://desk@127.0.0.1:5432/desk"\n',
                       encoding="utf-8")
    assert replica.desk_url(secrets) == "postgresql+psycopg://desk@127.0.0.1:5432/desk"
    monkeypatch.setenv("RAPPORTEUR_DESK_URL", "sqlite:///elsewhere.sqlite")
    assert replica.desk_url(secrets) == "sqlite:///elsewhere.sqlite"

    calls = []

    async def never(seconds: float) -> None:
        calls.append(seconds)

    async def scenario() -> None:
        async with replica.following(None, tmp_path / "home", sleep=never):
            await asyncio.sleep(0)

    asyncio.run(scenario())
    assert calls == [] and not (tmp_path / "home").exists()


def test_a_database_that_does_not_answer_leaves_the_folder(tmp_path):
    from desk.release import point_to

    home = tmp_path / "home"
    (home / "releases" / "4").mkdir(parents=True)
    (home / "releases" / "4" / "release.json").write_text('{"number": 4}', encoding="utf-8")
    point_to(home, home / "releases" / "4")
    closed = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    assert replica.sync_once(closed, home) is None
    assert _number(home) == 4


def test_the_server_follows_without_loading_the_desk():
    code = ("import sys, server; print(server.app._user_lifespan is server.lifespan, "
            "sorted(m for m in ('sqlalchemy', 'psycopg', 'desk') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True []"
