-- Events belong to one tenant (organiser); every other row hangs off an event.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    tenant           TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    topic            TEXT    NOT NULL DEFAULT '',
    format           TEXT    NOT NULL,
    time_zone        TEXT    NOT NULL,
    sessions         TEXT    NOT NULL,  -- JSON [{name, start, end}], local ISO 8601 date-times
    meeting_minutes  INTEGER NOT NULL,
    pause_minutes    INTEGER NOT NULL,
    tables           INTEGER NOT NULL,
    cross_side_only  INTEGER NOT NULL,
    min_meetings     INTEGER,
    max_meetings     INTEGER,
    created_at       TEXT    NOT NULL,  -- ISO 8601 UTC, round-trip format
    updated_at       TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_events_tenant_name ON events (tenant, name COLLATE NOCASE);

CREATE TABLE participants (
    id                 INTEGER PRIMARY KEY,
    event_id           INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    external_id        TEXT,
    organization       TEXT    NOT NULL,
    contact_name       TEXT,
    email              TEXT,
    role               TEXT    NOT NULL,
    sector             TEXT,
    country            TEXT,
    languages          TEXT    NOT NULL DEFAULT '[]',  -- JSON arrays
    offers             TEXT,
    needs              TEXT,
    description        TEXT,
    tags               TEXT    NOT NULL DEFAULT '[]',
    unavailable_slots  TEXT    NOT NULL DEFAULT '[]',
    max_meetings       INTEGER,
    host_table         INTEGER,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
-- A participant is identified by the caller's externalId, or by e-mail when it has none.
CREATE UNIQUE INDEX ux_participants_external ON participants (event_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX ux_participants_email ON participants (event_id, email COLLATE NOCASE) WHERE external_id IS NULL AND email IS NOT NULL;
CREATE INDEX ix_participants_event ON participants (event_id, id);

-- Small facts about the database itself, e.g. whether the demo event was loaded.
CREATE TABLE app_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
