-- Sentence vectors, keyed by model and the SHA-256 of the sentence: a text is embedded once, whoever wrote it.
CREATE TABLE embeddings (
    model      TEXT NOT NULL,
    text_hash  BLOB NOT NULL,
    vector     BLOB NOT NULL,  -- float32 little-endian, L2-normalised
    PRIMARY KEY (model, text_hash)
) WITHOUT ROWID;

-- Bumped by every change to an event or its participants, so caches keyed by (event, revision) stay correct
-- across API processes.
ALTER TABLE events ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
