-- The staff search's index of history notes, without the "created" entry every POST writes ("Request opened"):
-- that note says nothing worth finding, and indexing it cost every POST a GIN insert.
DROP INDEX request_history_note_idx;
CREATE INDEX request_history_note_idx ON request_history USING gin (to_tsvector('simple', note))
    WHERE note IS NOT NULL AND action <> 'created';
