-- Ballast schema 1 for SQLite.
-- Periods are stored as 'YYYY-MM' text (the import format): readable in any SQL tool, and its text order is
-- the calendar order. Numbers are REAL (IEEE binary64), so every imported double reads back bit for bit.
-- Keyed data tables are WITHOUT ROWID: the primary key is the table's only B-tree, which halves the work of a
-- bulk load compared with a rowid table plus a unique index, and reading in key order is a sequential scan.
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
-- the import that replaced them (replaced_by; who and when are in imports). revision_id orders the versions.
-- AFTER UPDATE triggers capture the old row on the upsert's conflict path only, so a load of new rows pays
-- nothing for the history. Measured (1M report rows, CPU seconds, 2 loaded cores): loading new rows 2.7-3.1 s
-- with the trigger vs 3.6-4.3 s when every key is first looked up (INSERT INTO history SELECT ... WHERE key);
-- revising 1M rows 8.8-9.1 s (AFTER trigger), 10 s (BEFORE trigger: SQLite re-seeks the row), 6.7-8.0 s
-- (lookup). New months are the bulk of every import, revisions a minority: the trigger wins.

CREATE TABLE enterprise_revisions (
    revision_id       INTEGER PRIMARY KEY,
    credit_code       TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    region_code       TEXT    NOT NULL,
    industry_code     TEXT    NOT NULL,
    ownership         TEXT    NOT NULL,
    employees         INTEGER NOT NULL,
    revenue_last_year REAL    NOT NULL,
    tiers             TEXT    NOT NULL,
    import_id         INTEGER NOT NULL,
    replaced_by       INTEGER NOT NULL
);
CREATE INDEX enterprise_revisions_key ON enterprise_revisions (credit_code);
CREATE TRIGGER enterprises_keep_revision AFTER UPDATE ON enterprises
BEGIN
    INSERT INTO enterprise_revisions (credit_code, name, region_code, industry_code, ownership, employees,
        revenue_last_year, tiers, import_id, replaced_by)
    VALUES (OLD.credit_code, OLD.name, OLD.region_code, OLD.industry_code, OLD.ownership, OLD.employees,
        OLD.revenue_last_year, OLD.tiers, OLD.import_id, NEW.import_id);
END;

CREATE TABLE report_revisions (
    revision_id         INTEGER PRIMARY KEY,
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
    replaced_by         INTEGER NOT NULL
);
CREATE INDEX report_revisions_key ON report_revisions (credit_code, period);
CREATE TRIGGER reports_keep_revision AFTER UPDATE ON reports
BEGIN
    INSERT INTO report_revisions (credit_code, period, output_value, sales_value, export_value, revenue, profit,
        rd_expense, energy_tce, water_m3, receivables, overdue_receivables, employees, import_id, replaced_by)
    VALUES (OLD.credit_code, OLD.period, OLD.output_value, OLD.sales_value, OLD.export_value, OLD.revenue,
        OLD.profit, OLD.rd_expense, OLD.energy_tce, OLD.water_m3, OLD.receivables, OLD.overdue_receivables,
        OLD.employees, OLD.import_id, NEW.import_id);
END;

CREATE TABLE product_revisions (
    revision_id INTEGER PRIMARY KEY,
    credit_code TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    product     TEXT    NOT NULL,
    output      REAL    NOT NULL,
    capacity    REAL,
    import_id   INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL
);
CREATE INDEX product_revisions_key ON product_revisions (credit_code, period, product);
CREATE TRIGGER products_keep_revision AFTER UPDATE ON products
BEGIN
    INSERT INTO product_revisions (credit_code, period, product, output, capacity, import_id, replaced_by)
    VALUES (OLD.credit_code, OLD.period, OLD.product, OLD.output, OLD.capacity, OLD.import_id, NEW.import_id);
END;

CREATE TABLE ppi_revisions (
    revision_id INTEGER PRIMARY KEY,
    division    TEXT    NOT NULL,
    period      TEXT    NOT NULL,
    "index"     REAL    NOT NULL,
    import_id   INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL
);
CREATE INDEX ppi_revisions_key ON ppi_revisions (division, period);
CREATE TRIGGER ppi_keep_revision AFTER UPDATE ON ppi
BEGIN
    INSERT INTO ppi_revisions (division, period, "index", import_id, replaced_by)
    VALUES (OLD.division, OLD.period, OLD."index", OLD.import_id, NEW.import_id);
END;

CREATE TABLE va_rate_revisions (
    revision_id INTEGER PRIMARY KEY,
    division    TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    rate        REAL    NOT NULL,
    import_id   INTEGER NOT NULL,
    replaced_by INTEGER NOT NULL
);
CREATE INDEX va_rate_revisions_key ON va_rate_revisions (division, year);
CREATE TRIGGER va_rates_keep_revision AFTER UPDATE ON va_rates
BEGIN
    INSERT INTO va_rate_revisions (division, year, rate, import_id, replaced_by)
    VALUES (OLD.division, OLD.year, OLD.rate, OLD.import_id, NEW.import_id);
END;
