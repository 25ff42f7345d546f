-- Response monitoring: in-app reminders an analyst sends to enterprises that have not filed a period.
-- No foreign key to enterprises: TruncateData empties the register for benchmarks; reminders are a log.

CREATE TABLE reminders (
    id          INTEGER PRIMARY KEY,
    period      TEXT NOT NULL,                -- YYYY-MM: the report the enterprise is reminded of
    credit_code TEXT NOT NULL,                -- to whom
    sent_by     TEXT NOT NULL,                -- the analyst's user name
    sent_at     TEXT NOT NULL                 -- UTC ISO 8601
);
CREATE INDEX reminders_by_enterprise ON reminders (credit_code, period);
