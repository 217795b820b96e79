-- A digital expert visit: one SME receives several experts back to back. Each plan is written whole in one transaction.
CREATE TABLE expert_visit_plans (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    sme_id      INTEGER NOT NULL,
    created_at  TEXT    NOT NULL,
    coverage    REAL    NOT NULL,  -- the objective: sum over the SME's distinct needs of the best expert similarity
    need_count  INTEGER NOT NULL,
    uncovered   TEXT    NOT NULL   -- JSON: needs no chosen expert covers, with their best similarity
);
CREATE INDEX ix_expert_visit_plans_event ON expert_visit_plans (event_id, sme_id);

-- Participant ids are kept as they were, as in schedules; the SME is denormalised so busy slots are one query away.
CREATE TABLE expert_visits (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES expert_visit_plans (id) ON DELETE CASCADE,
    event_id    INTEGER NOT NULL,
    sme_id      INTEGER NOT NULL,
    expert_id   INTEGER NOT NULL,
    slot        INTEGER NOT NULL,
    need        TEXT    NOT NULL,
    similarity  REAL    NOT NULL,
    reasons     TEXT    NOT NULL   -- JSON
);
CREATE INDEX ix_expert_visits_plan ON expert_visits (plan_id, slot);
CREATE INDEX ix_expert_visits_event ON expert_visits (event_id, slot);

-- Hackathon teams: each formation replaces the event's previous one.
CREATE TABLE team_formations (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    created_at  TEXT    NOT NULL,
    team_size   INTEGER NOT NULL,
    objective   TEXT    NOT NULL,  -- JSON: value, total fit, weakest team, balance weight, bound, status, seconds
    unassigned  TEXT    NOT NULL   -- JSON: participant ids left without a team
);

CREATE TABLE teams (
    id                INTEGER PRIMARY KEY,
    formation_id      INTEGER NOT NULL REFERENCES team_formations (id) ON DELETE CASCADE,
    challenge_sme_id  INTEGER NOT NULL,
    challenge         TEXT    NOT NULL,
    fit               REAL    NOT NULL
);
CREATE INDEX ix_teams_formation ON teams (formation_id);

CREATE TABLE team_members (
    team_id         INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    participant_id  INTEGER NOT NULL,
    role            TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    fit             REAL    NOT NULL,
    PRIMARY KEY (team_id, position)
);
