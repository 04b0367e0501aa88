-- A like or unlike on its way to the Spotify library (PUT/DELETE /me/library?uris=): written in the same
-- transaction as its feedback event, deleted once Spotify answered it, so that a like made offline or signed out
-- is sent when Spotify can be reached again, after a restart too. One row per track: the latest word wins (a like
-- then an unlike made offline sends only the unlike).
CREATE TABLE pending_library_writes (
    uri TEXT PRIMARY KEY CHECK (uri LIKE 'spotify:track:%'),
    saved INTEGER NOT NULL CHECK (saved IN (0, 1)),
    queued_at_ms INTEGER NOT NULL
) STRICT;
