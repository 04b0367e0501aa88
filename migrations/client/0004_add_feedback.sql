-- What the user told the recommender on the Discover page (or from the CLI): one row per event, never
-- updated, so that the hub receives the same history the client ranks with. event_id is generated here and is
-- also the event_id of the outbox row queued in the same transaction.
--   like / unlike   a track saved to or removed from the library (the latest of the two wins)
--   hide_track      never recommend this track again
--   hide_artist     never recommend this artist's tracks again
--   not_now         leave this track out until expires_at_ms
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('like', 'unlike', 'hide_track', 'hide_artist', 'not_now')),
    uri TEXT NOT NULL CHECK (uri LIKE 'spotify:track:%' OR uri LIKE 'spotify:artist:%'),
    created_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER,
    CHECK ((kind = 'hide_artist') = (uri LIKE 'spotify:artist:%')),
    CHECK ((kind = 'not_now') = (expires_at_ms IS NOT NULL))
) STRICT;
CREATE INDEX feedback_uri_idx ON feedback (uri, created_at_ms);
