-- Rows as schema version 7 stores them: version 6 plus a request that must come after another one.
INSERT INTO events (id, tenant, name, topic, format, time_zone, sessions, meeting_minutes, pause_minutes, tables,
                    cross_side_only, min_meetings, max_meetings, created_at, updated_at, revision)
VALUES (1, 'fixture', 'Olive Oil & Sensors', 'Digital tools for mills.', 'matchmaking', 'Europe/Madrid',
        '[{"Name":"morning","Start":"2027-03-18T09:00:00","End":"2027-03-18T12:00:00"}]', 20, 5, 10, 1, 1, 8,
        '2026-11-01T10:00:00.0000000Z', '2026-11-01T10:00:00.0000000Z', 4),
       (2, 'fixture', 'Wood Day', '', 'hackathon', 'Europe/Lisbon',
        '[{"Name":"day","Start":"2027-04-01T10:00:00","End":"2027-04-01T16:00:00"}]', 30, 0, 4, 0, NULL, NULL,
        '2026-11-02T10:00:00.0000000Z', '2026-11-03T08:30:00.0000000Z', 1);

INSERT INTO participants (id, event_id, external_id, organization, contact_name, email, role, sector, country, languages,
                          offers, needs, description, tags, unavailable_slots, max_meetings, host_table, created_at, updated_at)
VALUES (1, 1, 'f-1', 'Almazara Vieja', 'Rosa Llamas', 'rosa@almazara.example', 'traditional-sme', 'agrifood', 'ES', '["es","en"]',
        'Olive oil.', 'Our paste overheats in summer.', NULL, '["olive-oil"]', '[0,1]', 6, NULL,
        '2026-11-01T10:05:00.0000000Z', '2026-11-01T10:05:00.0000000Z'),
       (2, 1, NULL, 'ThermoLog', NULL, 'hello@thermolog.example', 'tech-provider', 'iot', 'PT', '["en"]',
        'Wireless temperature loggers for food plants.', NULL, 'Start-up from Braga.', '[]', '[]', NULL, 3,
        '2026-11-01T10:06:00.0000000Z', '2026-11-01T10:06:00.0000000Z'),
       (3, 2, 'w-1', 'Serração do Norte', NULL, NULL, 'traditional-sme', 'wood', 'PT', '["pt"]',
        NULL, 'Logs sit too long in the yard.', NULL, '[]', '[]', NULL, NULL,
        '2026-11-02T11:00:00.0000000Z', '2026-11-02T11:00:00.0000000Z');

-- 384 float32 values: 1536 bytes per vector; the hash is the SHA-256 of the sentence.
INSERT INTO embeddings (model, text_hash, vector)
VALUES ('all-MiniLM-L6-v2/mean/l2', X'0000000000000000000000000000000000000000000000000000000000000001', zeroblob(1536)),
       ('all-MiniLM-L6-v2/mean/l2', X'0000000000000000000000000000000000000000000000000000000000000002', zeroblob(1536));

INSERT INTO app_state (key, value) VALUES ('fixture', 'v7');

INSERT INTO requests (id, event_id, from_id, to_id, status, session, fixed_slot, created_at)
VALUES (1, 1, 1, 2, 'must', 'morning', NULL, '2026-11-04T09:00:00.0000000Z');

INSERT INTO schedules (id, event_id, version, created_at, published_at, figures, unplaced)
VALUES (1, 1, 1, '2026-11-05T09:00:00.0000000Z', NULL,
        '{"meetingsPlaced":1,"totalScore":0.8,"holes":0,"holesSpread":0,"minMeetings":1,"medianMeetings":1,"maxMeetings":1,"solverSeconds":0.1,"holesLowerBound":0,"capacityBound":1}',
        '[]');
INSERT INTO schedule_meetings (id, schedule_id, slot, table_number, participant_a, participant_b, score, reasons, origin)
VALUES (1, 1, 2, 3, 1, 2, 0.8, '[{"kind":"feature","text":"A reason."}]', 'requested');
UPDATE schedule_meetings SET cancelled_at = '2026-11-05T10:00:00.0000000Z' WHERE id = 1;

INSERT INTO jobs (id, event_id, kind, status, progress, result_version, error, created_at, updated_at)
VALUES ('0f9e8d7c6b5a49384756657483920101', 1, 'schedule', 'succeeded', 100, 1, NULL, '2026-11-05T08:59:00.0000000Z', '2026-11-05T09:00:00.0000000Z');

INSERT INTO participants (id, event_id, external_id, organization, contact_name, email, role, sector, country, languages,
                          offers, needs, description, tags, unavailable_slots, max_meetings, host_table, created_at, updated_at)
VALUES (4, 1, 'f-4', 'Molino Alto', NULL, NULL, 'traditional-sme', 'agrifood', 'ES', '["es"]',
        NULL, 'We cannot trace which olives went into which batch.', NULL, '[]', '[]', NULL, NULL,
        '2026-11-06T09:00:00.0000000Z', '2026-11-06T09:00:00.0000000Z');
INSERT INTO requests (id, event_id, from_id, to_id, status, session, fixed_slot, created_at, after_request_id)
VALUES (2, 1, 4, 2, 'requested', 'any', NULL, '2026-11-06T09:05:00.0000000Z', 1);
