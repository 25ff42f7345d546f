-- Stored releases: every computed release with its data version (the newest accepted import it read), so that
-- a later revision of the data can be shown as a diff of the figures. Values are the unsuppressed ones with
-- their flags (the store is internal); publishing applies the flags.
CREATE TABLE releases (
    id           INTEGER PRIMARY KEY,
    period       TEXT    NOT NULL,           -- YYYY-MM
    computed_at  TEXT    NOT NULL,           -- UTC, ISO 8601
    user_name    TEXT    NOT NULL,
    data_version INTEGER NOT NULL,           -- imports.id of the newest accepted import it read (0: none)
    row_count    INTEGER NOT NULL
);
CREATE INDEX releases_by_period ON releases (period, id);

CREATE TABLE release_rows (
    release_id INTEGER NOT NULL REFERENCES releases (id),
    breakdown  TEXT    NOT NULL,
    cell       TEXT    NOT NULL,
    parent     TEXT    NOT NULL,
    measure    TEXT    NOT NULL,
    value      REAL,
    flag       TEXT    NOT NULL,             -- '', 'C' or 'E'
    PRIMARY KEY (release_id, breakdown, cell, measure)
) WITHOUT ROWID;
