-- Programs (docs/programs.md): enterprise profiles and factories by year, applications with their audit trail,
-- and the registry of dated tier holdings. Dates are TEXT 'YYYY-MM-DD' on both back ends (ordered as text).
CREATE TABLE program_profiles (
    credit_code TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    indicator   TEXT    NOT NULL,
    value       TEXT    NOT NULL,
    PRIMARY KEY (credit_code, year, indicator)
) WITHOUT ROWID;

CREATE TABLE program_factories (
    factory_id  TEXT NOT NULL PRIMARY KEY,
    credit_code TEXT NOT NULL,
    name        TEXT NOT NULL
);

CREATE INDEX program_factories_by_enterprise ON program_factories (credit_code);

CREATE TABLE program_factory_values (
    factory_id TEXT    NOT NULL REFERENCES program_factories (factory_id),
    year       INTEGER NOT NULL,
    indicator  TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (factory_id, year, indicator)
) WITHOUT ROWID;

-- A factory with a year but no values still has a row here, so its year is known.
CREATE TABLE program_factory_years (
    factory_id TEXT    NOT NULL REFERENCES program_factories (factory_id),
    year       INTEGER NOT NULL,
    PRIMARY KEY (factory_id, year)
) WITHOUT ROWID;

CREATE TABLE program_profile_years (
    credit_code TEXT    NOT NULL,
    year        INTEGER NOT NULL,
    PRIMARY KEY (credit_code, year)
) WITHOUT ROWID;

CREATE TABLE program_applications (
    id             INTEGER PRIMARY KEY,
    program        TEXT    NOT NULL,
    tier           TEXT    NOT NULL,
    credit_code    TEXT    NOT NULL,
    factory_id     TEXT,
    province       TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    state          TEXT    NOT NULL,
    submitted_at   TEXT    NOT NULL,
    certified_from TEXT,
    valid_until    TEXT,
    holding_id     INTEGER,
    previous_id    INTEGER REFERENCES program_applications (id)
);
CREATE INDEX program_applications_by_enterprise ON program_applications (credit_code, id);

CREATE TABLE program_application_events (
    application_id INTEGER NOT NULL REFERENCES program_applications (id),
    seq            INTEGER NOT NULL,
    at             TEXT    NOT NULL,
    user_name      TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    action         TEXT    NOT NULL,
    from_state     TEXT,
    to_state       TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    PRIMARY KEY (application_id, seq)
) WITHOUT ROWID;

CREATE TABLE program_holdings (
    id             INTEGER PRIMARY KEY,
    credit_code    TEXT NOT NULL,
    factory_id     TEXT,
    tier           TEXT NOT NULL,
    from_date      TEXT,
    until_date     TEXT,
    application_id INTEGER,
    source         TEXT NOT NULL,
    end_reason     TEXT
);
CREATE INDEX program_holdings_by_enterprise ON program_holdings (credit_code, tier);
