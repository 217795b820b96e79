-- A wished meeting may have to come after another one (e.g. meet the vet before the collar vendor).
ALTER TABLE requests ADD COLUMN after_request_id INTEGER REFERENCES requests (id) ON DELETE SET NULL;
