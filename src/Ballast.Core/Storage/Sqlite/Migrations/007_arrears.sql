-- Arrears owed to SMEs (docs/arrears.md): the cases an SME registers against a debtor that has not paid it on
-- time, and every step of their handling. Amounts are whole fen (0.01 yuan = 0.000001 of the 10,000-yuan unit)
-- in an INTEGER, so sums are exact. Dates are 'YYYY-MM-DD' text; times UTC ISO 8601 text, as elsewhere.
-- No foreign key to enterprises: the service checks the register when a case is registered, and a register
-- row is replaced (never deleted) by later imports.
CREATE TABLE IF NOT EXISTS arrears_cases (
    id                INTEGER PRIMARY KEY,
    credit_code       TEXT    NOT NULL,           -- the SME owed the money
    debtor_name       TEXT    NOT NULL,
    debtor_type       TEXT    NOT NULL,           -- government | institution | soe | large
    province          TEXT    NOT NULL,           -- two digits: the debtor's province, which handles the case
    amount_fen        INTEGER NOT NULL,
    contract_date     TEXT    NOT NULL,
    due_date          TEXT    NOT NULL,
    registered_at     TEXT    NOT NULL,
    handling_deadline TEXT    NOT NULL,
    state             TEXT    NOT NULL,           -- registered | accepted | in_progress | closed
    closure           TEXT,                       -- paid | partly_paid | disputed | withdrawn when closed
    paid_fen          INTEGER NOT NULL DEFAULT 0,
    closed_at         TEXT,
    escalation_level  INTEGER NOT NULL DEFAULT 0,
    escalated_at      TEXT,
    version           INTEGER NOT NULL DEFAULT 1  -- bumped by every change: a stale update is refused
);
CREATE INDEX IF NOT EXISTS arrears_cases_by_enterprise ON arrears_cases (credit_code, id);
CREATE INDEX IF NOT EXISTS arrears_cases_by_province ON arrears_cases (province, id);

CREATE TABLE IF NOT EXISTS arrears_events (
    case_id     INTEGER NOT NULL REFERENCES arrears_cases (id),
    seq         INTEGER NOT NULL,
    at          TEXT    NOT NULL,
    actor_name  TEXT    NOT NULL,
    actor_role  TEXT    NOT NULL,                 -- enterprise | province | ministry
    action      TEXT    NOT NULL,                 -- register | accept | start | close | escalate
    from_state  TEXT,
    to_state    TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    PRIMARY KEY (case_id, seq)
);
