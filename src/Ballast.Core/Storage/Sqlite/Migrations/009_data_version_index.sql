-- The data version is the newest accepted entry of the import log: max(id) WHERE accepted. Every filed report is an
-- entry of its own, so the log grows by the register's size every month; without this index the data version (read
-- by releases, warnings and the dashboard) was a scan of the whole log.
CREATE INDEX imports_accepted_id ON imports (accepted, id);
