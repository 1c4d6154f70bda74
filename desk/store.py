"""Releases, documents, staged imports and the audit log, in the database (SQLAlchemy).

A release is a complete copy of every CSV (data/*.csv at release 1). Nothing is ever deleted
or changed: `publish` makes release n+1 from the current one plus the staged imports, and
`rollback` makes release n+1 as a copy of an earlier one. The current release is the highest
number. Every write is one transaction and leaves one line in the audit log.
"""
from __future__ import annotations

import csv
import io
import json

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from data.releases import ROLLBACK_NOTE
from desk.db import audit, ensure, now, sha256
from i18n import _

__all__ = ["DeskError", "apply_payload", "audit_log", "current_release", "document", "documents", "ensure",
           "publish", "releases", "release_tables", "rollback", "stage", "staged"]


class DeskError(Exception):
    """A refused action, with a message for the staff (already in their language)."""


def current_release(eng: Engine | Connection) -> int:
    sql = sa.text("SELECT MAX(number) FROM releases")
    if isinstance(eng, Connection):
        return int(eng.execute(sql).scalar_one())
    with eng.connect() as conn:
        return int(conn.execute(sql).scalar_one())


def _tables(conn: Connection, number: int) -> dict[str, str]:
    rows = conn.execute(sa.text("SELECT dataset, csv FROM release_tables WHERE release = :n ORDER BY dataset"),
                        {"n": number})
    return {r.dataset: r.csv for r in rows}


def _info(conn: Connection, number: int) -> dict:
    row = conn.execute(sa.text("SELECT number, created, who, note, restores FROM releases WHERE number = :n"),
                       {"n": number}).mappings().first()
    if row is None:
        raise DeskError(_("release {n} does not exist", n=number))
    return dict(row)


def release_tables(eng: Engine, number: int | None = None) -> tuple[dict[str, str], dict]:
    """(dataset -> CSV text, release info) of a release (default: the current one)."""
    with eng.connect() as conn:
        number = number or current_release(conn)
        return _tables(conn, number), _info(conn, number)


def releases(eng: Engine) -> list[dict]:
    """Every release, newest first."""
    with eng.connect() as conn:
        rows = conn.execute(sa.text("SELECT number, created, who, note, restores FROM releases "
                                    "ORDER BY number DESC")).mappings()
        return [dict(r) for r in rows]


def audit_log(eng: Engine) -> list[dict]:
    with eng.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, who, at, action, detail FROM audit_log ORDER BY id")).mappings()
        return [dict(r) for r in rows]


def documents(eng: Engine) -> list[dict]:
    """Registered documents (without their text)."""
    with eng.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, title, publisher, year, language, sha256, registered, who "
                                    "FROM documents ORDER BY registered DESC, id")).mappings()
        return [dict(r) for r in rows]


def document(eng: Engine, doc_id: str) -> dict | None:
    with eng.connect() as conn:
        row = conn.execute(sa.text("SELECT * FROM documents WHERE id = :i"), {"i": doc_id}).mappings().first()
        return dict(row) if row else None


# ---- CSV text <-> rows ---------------------------------------------------------------------------

def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def write_csv(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k) or "" for k in header})
    return out.getvalue()


def _id_order(row: dict[str, str]) -> tuple[str, int]:
    prefix, _, number = (row.get("id") or "").rpartition("-")
    return prefix, int(number) if number.isdigit() else 0


def apply_payload(tables: dict[str, str], payload: dict) -> dict[str, str]:
    """The release tables with one import applied: in every dataset it names, the rows of its
    source are replaced by the imported rows; the document joins sources.csv if it is new."""
    out = dict(tables)
    source = payload["source"]
    for dataset, rows in payload["tables"].items():
        header, current = read_csv(out[dataset])
        kept = [r for r in current if r.get("source") != source]
        merged = sorted(kept + [{**r, "source": source} for r in rows], key=_id_order)
        out[dataset] = write_csv(header, merged)
    if payload.get("sources_row"):
        header, current = read_csv(out["sources"])
        if source not in {r["source"] for r in current}:
            out["sources"] = write_csv(header, [*current, payload["sources_row"]])
    return out


# ---- writes (each one transaction) --------------------------------------------------------------

def _new_release(conn: Connection, base: int, tables: dict[str, str], who: str, note: str,
                 restores: int | None) -> int:
    """Insert release base+1; fails on the primary key when someone else made base+1 meanwhile
    (then this release, built on `base`, would silently drop theirs)."""
    number = base + 1
    conn.execute(sa.text("INSERT INTO releases (number, created, who, note, restores) VALUES (:n, :t, :w, :o, :r)"),
                 {"n": number, "t": now(), "w": who, "o": note, "r": restores})
    for name, text in sorted(tables.items()):
        conn.execute(sa.text("INSERT INTO release_tables (release, dataset, csv, sha256) VALUES (:n, :d, :c, :s)"),
                     {"n": number, "d": name, "c": text, "s": sha256(text)})
    return number


def stage(eng: Engine, payload: dict, who: str, workbook_sha: str) -> int:
    """Keep a checked import until the next publish; its id."""
    with eng.begin() as conn:
        next_id = conn.execute(sa.text("SELECT COALESCE(MAX(id), 0) + 1 FROM staged_imports")).scalar_one()
        conn.execute(sa.text("INSERT INTO staged_imports (id, created, who, source, workbook_sha256, payload) "
                             "VALUES (:i, :t, :w, :s, :h, :p)"),
                     {"i": next_id, "t": now(), "w": who, "s": payload["source"], "h": workbook_sha,
                      "p": json.dumps(payload, ensure_ascii=False)})
        counts = ", ".join(f"{d}: {len(r)}" for d, r in sorted(payload["tables"].items()) if r)
        audit(conn, who, "import", f"import {next_id} of {payload['source']} staged ({counts or 'no rows'})")
    return int(next_id)


def staged(eng: Engine) -> list[dict]:
    """Imports waiting for the next publish, oldest first."""
    with eng.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, created, who, source, payload FROM staged_imports "
                                    "WHERE published_in IS NULL ORDER BY id")).mappings()
        return [{**dict(r), "payload": json.loads(r["payload"])} for r in rows]


def _one_at_a_time(action):
    """Two releases made at the same moment: the second one's insert fails on the release
    number; say so instead of a database error (nothing of it was saved)."""
    def wrapped(*args, **kwargs):
        try:
            return action(*args, **kwargs)
        except sa.exc.IntegrityError as exc:
            raise DeskError(_("another release was made at the same moment: nothing was saved, try again")) from exc
    wrapped.__doc__ = action.__doc__
    wrapped.__name__ = action.__name__
    return wrapped


@_one_at_a_time
def publish(eng: Engine, note: str, who: str, check=None) -> int:
    """Release n+1 = the current release plus every staged import; its number.

    `check(tables)` may return problems; any problem refuses the release (nothing is saved)."""
    if not note.strip():
        raise DeskError(_("a release needs a note"))
    with eng.begin() as conn:
        pending = conn.execute(sa.text("SELECT id, payload FROM staged_imports WHERE published_in IS NULL "
                                       "ORDER BY id")).all()
        if not pending:
            raise DeskError(_("nothing to publish: no import is waiting"))
        base = current_release(conn)
        tables = _tables(conn, base)
        for row in pending:
            tables = apply_payload(tables, json.loads(row.payload))
        if check is not None:
            problems = check(tables)
            if problems:
                raise DeskError("\n".join(map(str, problems)))
        number = _new_release(conn, base, tables, who, note.strip(), None)
        conn.execute(sa.text("UPDATE staged_imports SET published_in = :n WHERE published_in IS NULL"), {"n": number})
        audit(conn, who, "publish", f"release {number}: imports {', '.join(str(r.id) for r in pending)}; {note}")
    return number


@_one_at_a_time
def rollback(eng: Engine, number: int, who: str, note: str = "") -> int:
    """Release n+1 = a copy of release `number`; its number."""
    with eng.begin() as conn:
        current = current_release(conn)
        if not 1 <= number < current:
            raise DeskError(_("release {n} is not an earlier release (the current one is {current})", n=number,
                                current=current))
        tables = _tables(conn, number)
        new = _new_release(conn, current, tables, who, note or ROLLBACK_NOTE.format(number=number), number)
        audit(conn, who, "rollback", f"release {new} restores release {number}")
    return new


def changes(eng: Engine, number: int) -> dict[str, dict[str, int]]:
    """What release `number` changed against the one before: dataset -> new/changed/removed rows
    (by row id; tables without ids count rows whose text changed). Only datasets that changed."""
    if number <= 1:
        return {}
    with eng.connect() as conn:
        before, after = _tables(conn, number - 1), _tables(conn, number)
    out = {}
    for name in sorted(set(before) | set(after)):
        if before.get(name) == after.get(name):
            continue
        _h, old_rows = read_csv(before.get(name, ""))
        _h, new_rows = read_csv(after.get(name, ""))
        key = "id" if new_rows and "id" in new_rows[0] else None
        old = {(r[key] if key else tuple(r.values())): r for r in old_rows}
        new = {(r[key] if key else tuple(r.values())): r for r in new_rows}
        out[name] = {"new": len(new.keys() - old.keys()), "removed": len(old.keys() - new.keys()),
                     "changed": sum(1 for k in new.keys() & old.keys() if new[k] != old[k])}
    return out
