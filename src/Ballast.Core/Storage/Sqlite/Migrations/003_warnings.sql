-- Stored warnings: each evaluation of a release month (per view: published or confidential) with its alerts, their
-- status against the previous release month and their drivers, so that the next month can say what is new,
-- escalated, eased or resolved.
CREATE TABLE warning_runs (
    id           INTEGER PRIMARY KEY,
    period       TEXT    NOT NULL,           -- YYYY-MM
    release_view TEXT    NOT NULL,           -- 'published' or 'confidential'
    computed_at  TEXT    NOT NULL,           -- UTC, ISO 8601
    user_name    TEXT    NOT NULL,
    data_version INTEGER NOT NULL,           -- imports.id of the newest accepted import it read (0: none)
    alert_count  INTEGER NOT NULL
);
CREATE INDEX warning_runs_by_period ON warning_runs (period, release_view, id);

CREATE TABLE warning_alerts (
    run_id    INTEGER NOT NULL REFERENCES warning_runs (id),
    seq       INTEGER NOT NULL,
    rule      TEXT    NOT NULL,
    level     TEXT    NOT NULL,              -- critical, warning, watch
    breakdown TEXT    NOT NULL,
    cell      TEXT    NOT NULL,
    measure   TEXT    NOT NULL,
    value     REAL,
    message   TEXT    NOT NULL,
    status    TEXT    NOT NULL,              -- new, escalated, eased, unchanged, resolved
    drivers   TEXT    NOT NULL,              -- JSON: {"cells":[...],"enterprises":[...]}
    PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
