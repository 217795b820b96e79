-- Every schedule of an event is a new version, written whole in one transaction.
CREATE TABLE schedules (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    version       INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    published_at  TEXT,
    figures       TEXT    NOT NULL,  -- JSON: meetings placed, total score, holes, spread, solver seconds, bound...
    unplaced      TEXT    NOT NULL,  -- JSON: wanted meetings that could not be placed, with why
    UNIQUE (event_id, version)
);

-- Participant ids are kept as they were: a schedule is a record of a day, even after someone leaves the event.
CREATE TABLE schedule_meetings (
    id             INTEGER PRIMARY KEY,
    schedule_id    INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    slot           INTEGER NOT NULL,
    table_number   INTEGER NOT NULL,
    participant_a  INTEGER NOT NULL,
    participant_b  INTEGER NOT NULL,
    score          REAL    NOT NULL,
    reasons        TEXT    NOT NULL,  -- JSON
    origin         TEXT    NOT NULL
);
CREATE INDEX ix_schedule_meetings_schedule ON schedule_meetings (schedule_id, slot, table_number);
