-- Imports that passed every check and wait for the next publish; a release records which
-- release it was rolled back to (nothing is deleted: a rollback is a new release).
CREATE TABLE staged_imports (
    id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    who TEXT NOT NULL,
    source TEXT NOT NULL REFERENCES documents(id),
    workbook_sha256 TEXT NOT NULL,
    payload TEXT NOT NULL,
    published_in INTEGER REFERENCES releases(number)
);

ALTER TABLE releases ADD COLUMN restores INTEGER;
