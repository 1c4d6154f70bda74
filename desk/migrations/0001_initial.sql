-- The desk's first schema: releases of the data, their tables, registered documents, audit log.
-- Portable SQL (SQLite and PostgreSQL): ids are given by the code, times are ISO text (UTC).
CREATE TABLE schema_version (
    version INTEGER PRIMARY KEY,
    applied TEXT NOT NULL
);

CREATE TABLE releases (
    number INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    who TEXT NOT NULL,
    note TEXT NOT NULL
);

CREATE TABLE release_tables (
    release INTEGER NOT NULL REFERENCES releases(number),
    dataset TEXT NOT NULL,
    csv TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (release, dataset)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    year INTEGER,
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    registered TEXT NOT NULL,
    who TEXT NOT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    who TEXT NOT NULL,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
);
