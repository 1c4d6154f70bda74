"""The desk's database: where it is, its schema (numbered SQL migrations), release 1.

The URL comes from, in order: the environment variable RAPPORTEUR_DESK_URL, `[connections.sql]
url` in .streamlit/secrets.toml (the same setting `st.connection("sql")` reads), or the embedded
default `sqlite:///<repo>/.desk/desk.sqlite` (git-ignored, created on first use). Schema changes
are files `desk/migrations/NNNN_*.sql`, applied in order; `schema_version` records each.
"""
from __future__ import annotations

import hashlib
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from data.releases import FIRST_NOTE
from desk.release import desk_home

ROOT = Path(__file__).resolve().parents[1]
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SHIPPED_DATA = ROOT / "data"
SYSTEM = "system"  # who created release 1


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def sha256(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def url() -> str:
    """The database URL in use (see the module docstring)."""
    if os.environ.get("RAPPORTEUR_DESK_URL"):
        return os.environ["RAPPORTEUR_DESK_URL"]
    secrets = ROOT / ".streamlit" / "secrets.toml"
    if secrets.exists():
        with secrets.open("rb") as fh:
            conf = tomllib.load(fh)
        found = conf.get("connections", {}).get("sql", {}).get("url")
        if found:
            return str(found)
    return f"sqlite:///{desk_home() / 'desk.sqlite'}"


_ENGINES: dict[str, Engine] = {}


def engine(db_url: str | None = None) -> Engine:
    """One engine per URL and process; a SQLite file's folder is created on first use."""
    db_url = db_url or url()
    if db_url not in _ENGINES:
        if db_url.startswith("sqlite:///") and db_url != "sqlite:///:memory:":
            Path(db_url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        _ENGINES[db_url] = sa.create_engine(db_url, future=True)
    return _ENGINES[db_url]


def migrations() -> list[tuple[int, Path]]:
    """(version, file) of every migration, in order."""
    out = []
    for path in sorted(MIGRATIONS.glob("[0-9][0-9][0-9][0-9]_*.sql")):
        out.append((int(path.name[:4]), path))
    return out


def _statements(sql: str) -> list[str]:
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def schema_version(conn: Connection) -> int:
    """The highest migration applied (0 for an empty database)."""
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.execute(sa.text("SELECT COALESCE(MAX(version), 0) FROM schema_version")).scalar_one())


def migrate(eng: Engine, upto: int | None = None) -> int:
    """Apply the migrations not yet applied (up to `upto`), each in its own transaction."""
    for version, path in migrations():
        if upto is not None and version > upto:
            break
        with eng.begin() as conn:
            if version <= schema_version(conn):
                continue
            for statement in _statements(path.read_text(encoding="utf-8")):
                conn.execute(sa.text(statement))
            conn.execute(sa.text("INSERT INTO schema_version (version, applied) VALUES (:v, :t)"),
                         {"v": version, "t": now()})
    with eng.connect() as conn:
        return schema_version(conn)


def shipped_tables() -> dict[str, str]:
    """Every CSV shipped in data/ (datasets, reference tables, conflicts): name -> text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(SHIPPED_DATA.glob("*.csv"))}


def shipped_documents() -> list[dict]:
    """The five shipped source documents (data/sources.csv), when their texts are present."""
    import csv

    from data.provenance import sources_dir

    out = []
    with (SHIPPED_DATA / "sources.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            path = sources_dir() / row["file"]
            if path.exists():
                text = path.read_text(encoding="utf-8")
                out.append({"id": row["source"], "title": row["title"], "publisher": row["publisher"],
                            "year": int(row["year_published"]) if row["year_published"] else None,
                            "language": row["language"] or "", "text": text, "sha256": sha256(text)})
    return out


def audit(conn: Connection, who: str, action: str, detail: str) -> None:
    """One line of the audit log (inside the caller's transaction)."""
    next_id = conn.execute(sa.text("SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log")).scalar_one()
    conn.execute(sa.text("INSERT INTO audit_log (id, who, at, action, detail) VALUES (:i, :w, :a, :c, :d)"),
                 {"i": next_id, "w": who, "a": now(), "c": action, "d": detail})


def ensure(db: str | Engine | None = None) -> Engine:
    """The engine (of a URL, or the one given: the desk UI's `st.connection("sql")`), with every
    migration applied and release 1 (the shipped CSVs) in place."""
    eng = db if isinstance(db, Engine) else engine(db)
    try:
        migrate(eng)
    except sa.exc.DBAPIError:  # another replica was migrating at the same moment: its work is done now
        migrate(eng)
    try:
        _release_one(eng)
    except sa.exc.IntegrityError:  # another replica created release 1 at the same moment
        pass
    return eng


def _release_one(eng: Engine) -> None:
    with eng.begin() as conn:
        if conn.execute(sa.text("SELECT COUNT(*) FROM releases")).scalar_one() == 0:
            conn.execute(sa.text("INSERT INTO releases (number, created, who, note) VALUES (1, :t, :w, :n)"),
                         {"t": now(), "w": SYSTEM, "n": FIRST_NOTE})
            for name, text in shipped_tables().items():
                conn.execute(sa.text("INSERT INTO release_tables (release, dataset, csv, sha256) "
                                     "VALUES (1, :d, :c, :s)"), {"d": name, "c": text, "s": sha256(text)})
            for doc in shipped_documents():
                conn.execute(sa.text(
                    "INSERT INTO documents (id, title, publisher, year, language, text, sha256, registered, who) "
                    "VALUES (:id, :title, :publisher, :year, :language, :text, :sha256, :t, :w)"),
                    {**doc, "t": now(), "w": SYSTEM})
            audit(conn, SYSTEM, "release", "release 1 created from the shipped data")
