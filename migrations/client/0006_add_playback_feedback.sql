-- What the user does in the player is feedback too (issue 6), in the same append-only log:
--   skip        the track changed before 30 s or before half of it had played
--   full_play   at least 90 % of the track played before it changed
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt with every row and the same ids
-- (the outbox's rows refer to event_id, which is copied unchanged).
CREATE TABLE feedback_new (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('like', 'unlike', 'hide_track', 'hide_artist', 'not_now', 'skip', 'full_play')),
    uri TEXT NOT NULL CHECK (uri LIKE 'spotify:track:%' OR uri LIKE 'spotify:artist:%'),
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER,
    CHECK ((kind = 'hide_artist') = (uri LIKE 'spotify:artist:%')),
    CHECK ((kind = 'not_now') = (expires_at_ms IS NOT NULL))
) STRICT;
INSERT INTO feedback_new (id, event_id, kind, uri, created_at_ms, expires_at_ms)
    SELECT id, event_id, kind, uri, created_at_ms, expires_at_ms FROM feedback;
DROP TABLE feedback;
ALTER TABLE feedback_new RENAME TO feedback;
CREATE INDEX feedback_uri_idx ON feedback (uri, created_at_ms);
