-- Long work (a schedule for a big event) runs as a job; its state lives here so any API process can report it.
CREATE TABLE jobs (
    id              TEXT    PRIMARY KEY,     -- a GUID, so ids cannot be guessed across tenants
    event_id        INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,        -- schedule
    status          TEXT    NOT NULL,        -- queued, running, succeeded, failed
    progress        INTEGER NOT NULL DEFAULT 0,
    result_version  INTEGER,
    error           TEXT,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX ix_jobs_event ON jobs (event_id);
