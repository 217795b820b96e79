-- Wishes between two participants of an event: a meeting asked for, agreed, refused, imposed or to be avoided.
CREATE TABLE requests (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    from_id     INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    to_id       INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    status      TEXT    NOT NULL,               -- requested, accepted, declined, must, avoid
    session     TEXT    NOT NULL DEFAULT 'any', -- any, morning, afternoon
    fixed_slot  INTEGER,
    created_at  TEXT    NOT NULL,               -- ISO 8601 UTC, round-trip format
    CHECK (from_id <> to_id)
);
-- One request per pair, whichever way round it was made.
CREATE UNIQUE INDEX ux_requests_pair ON requests (event_id, min(from_id, to_id), max(from_id, to_id));
-- Deleting a participant cascades to its requests; without these each delete would scan the table.
CREATE INDEX ix_requests_from ON requests (from_id);
CREATE INDEX ix_requests_to ON requests (to_id);
