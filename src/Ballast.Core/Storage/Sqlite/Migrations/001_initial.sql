-- Ballast schema 1 for SQLite.
-- Periods are stored as 'YYYY-MM' text (the import format): readable in any SQL tool, and its text order is
-- the calendar order. Numbers are REAL (IEEE binary64), so every imported double reads back bit for bit.
-- Keyed data tables are WITHOUT ROWID: the primary key is the table's only B-tree (a rowid table would need a
-- second one for the key), and reading in key order is a sequential scan.
-- Every data row carries the id of the import that last wrote it. There are no foreign keys on the data
-- tables: the importer checks references (a report's enterprise) before writing, and per-row FK checks
-- would slow the bulk path.

CREATE TABLE schema_version (
    version    INTEGER PRIMARY KEY,
    applied_at TEXT NOT NULL
);

CREATE TABLE imports (
    id             INTEGER PRIMARY KEY,
    user_name      TEXT    NOT NULL,
    started_at     TEXT    NOT NULL, -- UTC, ISO 8601 with microseconds
    duration_us    INTEGER NOT NULL DEFAULT 0,
    accepted       INTEGER NOT NULL DEFAULT 0,
    row_count      INTEGER NOT NULL DEFAULT 0,
    revision_count INTEGER NOT NULL DEFAULT 0,
    error_count    INTEGER NOT NULL DEFAULT 0,
    warning_count  INTEGER NOT NULL DEFAULT 0,
    first_error    TEXT
);

CREATE TABLE import_counts (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    kind      TEXT    NOT NULL,
    rows      INTEGER NOT NULL,
    revisions INTEGER NOT NULL,
    PRIMARY KEY (import_id, kind)
) WITHOUT ROWID;

CREATE TABLE import_files (
    import_id INTEGER NOT NULL REFERENCES imports (id),
    seq       INTEGER NOT NULL,
    path      TEXT    NOT NULL,
    kind      TEXT    NOT NULL,
    sha256    TEXT    NOT NULL,
    bytes     INTEGER NOT NULL,
    PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;

CREATE TABLE import_warnings (
    import_id   INTEGER NOT NULL REFERENCES imports (id),
    seq         INTEGER NOT NULL,
    code        TEXT    NOT NULL,
    file        TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    column_name TEXT,
    message     TEXT    NOT NULL,
    PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;

-- Only rejected imports have errors; the first 1,000 are kept (imports.error_count counts them all).
CREATE TABLE import_errors (
    import_id   INTEGER NOT NULL REFERENCES imports (id),
    seq         INTEGER NOT NULL,
    file        TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    column_name TEXT,
    message     TEXT    NOT NULL,
    PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;

CREATE TABLE enterprises (
    credit_code       TEXT    NOT NULL PRIMARY KEY,
    name              TEXT    NOT NULL,
    region_code       TEXT    NOT NULL,
    industry_code     TEXT    NOT NULL,
    ownership         TEXT    NOT NULL,
    employees         INTEGER NOT NULL,
    revenue_last_year REAL    NOT NULL,
    tiers             TEXT    NOT NULL, -- codes joined by ';', '' when none
    import_id         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE reports (
    credit_code         TEXT    NOT NULL,
    period              TEXT    NOT NULL,
    output_value        REAL    NOT NULL,
    sales_value         REAL    NOT NULL,
    export_value        REAL    NOT NULL,
    revenue             REAL    NOT NULL,
    profit              REAL    NOT NULL,
    rd_expense          REAL    NOT NULL,
    energy_tce          REAL    NOT NULL,
    water_m3            REAL    NOT NULL,
    receivables         REAL    NOT NULL,
    overdue_receivables REAL    NOT NULL,
    employees           INTEGER NOT NULL,
    import_id           INTEGER NOT NULL,
    PRIMARY KEY (credit_code, period)
) WITHOUT ROWID;

CREATE TABLE products (
    credit_code TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    product     TEXT    NOT NULL,
    output      REAL    NOT NULL,
    capacity    REAL,
    import_id   INTEGER NOT NULL,
    PRIMARY KEY (credit_code, period, product)
) WITHOUT ROWID;

CREATE TABLE ppi (
    division  TEXT    NOT NULL,
    period    TEXT    NOT NULL,
    "index"   REAL    NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (division, period)
) WITHOUT ROWID;

CREATE TABLE va_rates (
    division  TEXT    NOT NULL,
    year      INTEGER NOT NULL,
    rate      REAL    NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (division, year)
) WITHOUT ROWID;

-- Revision history: the OLD values of every replaced row, the import that had written them (import_id) and
-- the import that replaced them (replaced_by; who and when are in imports). Keyed by the row's key, then
-- replaced_by and seq (the order within one import), which is also the order of the versions: import ids grow.
-- The importer copies the old row here before it updates a stored key (no triggers: a trigger makes SQLite
-- keep a statement journal for every inserted row, and new rows are the bulk of every import).

CREATE TABLE enterprise_revisions (
    credit_code       TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    region_code       TEXT    NOT NULL,
    industry_code     TEXT    NOT NULL,
    ownership         TEXT    NOT NULL,
    employees         INTEGER NOT NULL,
    revenue_last_year REAL    NOT NULL,
    tiers             TEXT    NOT NULL,
    import_id         INTEGER NOT NULL,
    replaced_by       INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (credit_code, replaced_by, seq)
) WITHOUT ROWID;

CREATE TABLE report_revisions (
    credit_code         TEXT    NOT NULL,
    period              TEXT    NOT NULL,
    output_value        REAL    NOT NULL,
    sales_value         REAL    NOT NULL,
    export_value        REAL    NOT NULL,
    revenue             REAL    NOT NULL,
    profit              REAL    NOT NULL,
    rd_expense          REAL    NOT NULL,
    energy_tce          REAL    NOT NULL,
    water_m3            REAL    NOT NULL,
    receivables         REAL    NOT NULL,
    overdue_receivables REAL    NOT NULL,
    employees           INTEGER NOT NULL,
    import_id           INTEGER NOT NULL,
    replaced_by         INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (credit_code, period, replaced_by, seq)
) WITHOUT ROWID;

CREATE TABLE product_revisions (
    credit_code TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    product     TEXT    NOT NULL,
    output      REAL    NOT NULL,
    capacity    REAL,
    import_id   INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (credit_code, period, product, replaced_by, seq)
) WITHOUT ROWID;

CREATE TABLE ppi_revisions (
    division    TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    "index"     REAL    NOT NULL,
    import_id   INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (division, period, replaced_by, seq)
) WITHOUT ROWID;

CREATE TABLE va_rate_revisions (
    division    TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    rate        REAL    NOT NULL,
    import_id   INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (division, year, replaced_by, seq)
) WITHOUT ROWID;
