-- Vintages of the seasonally adjusted figures: each computation of va_sa_mom for a release period, with the data
-- version it read, keeps every month's figure so that revisions (a past month's SA growth changing as months
-- arrive) can be shown. Values are unsuppressed with their flags; publishing applies them.
-- IF NOT EXISTS: a store taken back to an earlier version by dropping only the tables it knew migrates cleanly.
CREATE TABLE IF NOT EXISTS sa_vintages (
    id           INTEGER PRIMARY KEY,
    period       TEXT    NOT NULL,           -- YYYY-MM, the release period computed (last month of every series)
    data_version INTEGER NOT NULL,           -- imports.id of the newest accepted import it read (0: none)
    computed_at  TEXT    NOT NULL,           -- UTC, ISO 8601
    user_name    TEXT    NOT NULL,
    row_count    INTEGER NOT NULL,
    UNIQUE (period, data_version)
);

CREATE TABLE IF NOT EXISTS sa_vintage_rows (
    vintage_id INTEGER NOT NULL REFERENCES sa_vintages (id),
    breakdown  TEXT    NOT NULL,
    cell       TEXT    NOT NULL,
    period     TEXT    NOT NULL,             -- the month of the figure
    va_sa_mom  REAL,
    flag       TEXT    NOT NULL,             -- '', 'C' or 'E'
    PRIMARY KEY (vintage_id, breakdown, cell, period)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS sa_vintage_rows_by_cell ON sa_vintage_rows (breakdown, cell, period);

-- Per adjusted segment of a cell's volume index: the model used, or why it was not adjusted.
CREATE TABLE IF NOT EXISTS sa_vintage_notes (
    vintage_id  INTEGER NOT NULL REFERENCES sa_vintages (id),
    breakdown   TEXT    NOT NULL,
    cell        TEXT    NOT NULL,
    first_month TEXT    NOT NULL,
    last_month  TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    PRIMARY KEY (vintage_id, breakdown, cell, first_month)
) WITHOUT ROWID;
