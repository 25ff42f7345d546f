-- The web platform: accounts, personal API tokens, the audit log, release versions (draft -> approved ->
-- published at the embargo) and the release calendar. Times are UTC ISO 8601 text, as elsewhere.
-- No foreign key to releases: TruncateData empties releases for benchmarks, and the publishing tables with
-- them (accounts and the audit log stay).

CREATE TABLE users (
    user_name     TEXT PRIMARY KEY,
    role          TEXT NOT NULL,              -- enterprise, provincial_analyst, national_analyst, statistician, administrator
    scope         TEXT NOT NULL,              -- credit code (enterprise), province code (provincial_analyst), else ''
    password_hash TEXT NOT NULL,              -- ASP.NET Core Identity's PasswordHasher format ('' = no password sign-in)
    created_at    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE api_tokens (
    id         INTEGER PRIMARY KEY,
    user_name  TEXT NOT NULL REFERENCES users (user_name),
    name       TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,          -- SHA-256 of the token, lower-case hex; the token itself is never stored
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    user_name TEXT NOT NULL,                  -- '' for anonymous
    action    TEXT NOT NULL,                  -- sign_in, refused, microdata, publishing, account...
    target    TEXT NOT NULL,                  -- the request (method and path) or the object acted on
    outcome   TEXT NOT NULL,                  -- ok, failed, refused
    address   TEXT NOT NULL,                  -- client IP ('' unknown)
    detail    TEXT NOT NULL
);
CREATE INDEX audit_log_by_action ON audit_log (action, id);

CREATE TABLE release_versions (
    release_id  INTEGER PRIMARY KEY,          -- releases.id: the stored figures of this version
    period      TEXT    NOT NULL,
    version     INTEGER NOT NULL,             -- 1 for the first release of the period, then 2, 3... for revisions
    prepared_by TEXT    NOT NULL,
    prepared_at TEXT    NOT NULL,
    approved_by TEXT,
    approved_at TEXT,
    notes       TEXT    NOT NULL,
    UNIQUE (period, version)
);

CREATE TABLE release_calendar (
    period     TEXT PRIMARY KEY,
    embargo_at TEXT NOT NULL,
    set_by     TEXT NOT NULL,
    set_at     TEXT NOT NULL
) WITHOUT ROWID;
