-- A meeting cancelled after its schedule was made: it stays in its version, marked, until a repair replaces it.
ALTER TABLE schedule_meetings ADD COLUMN cancelled_at TEXT;
