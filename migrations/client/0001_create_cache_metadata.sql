-- Facts about the cache file itself: when it was created and by which build.
CREATE TABLE cache_metadata (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

INSERT INTO cache_metadata (key, value) VALUES ('created_at_ms', CAST(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) AS TEXT));
