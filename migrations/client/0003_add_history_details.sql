-- What Spotify's privacy export tells about a listen beyond what the Web API does, the files imported,
-- and open tags (MusicBrainz) for statistics and content similarity.

-- A play row is kept for every listen, however short: statistics count a play at ms_played >= 30000 (or
-- unknown, as for polled plays) and treat shorter rows as skips.
ALTER TABLE plays ADD COLUMN platform TEXT;
ALTER TABLE plays ADD COLUMN reason_start TEXT;
ALTER TABLE plays ADD COLUMN reason_end TEXT;
ALTER TABLE plays ADD COLUMN conn_country TEXT;
-- 1 for a private-session listen, imported only when the user asked for them.
ALTER TABLE plays ADD COLUMN incognito INTEGER;
-- 1 when played_at_ms is only known to the minute (Account data's endTime), truncated down.
ALTER TABLE plays ADD COLUMN minute_precision INTEGER NOT NULL DEFAULT 0;

-- Every export file imported: re-importing one is recognised by its content hash and changes nothing.
CREATE TABLE import_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    generation TEXT NOT NULL CHECK (generation IN ('extended', 'account_data')),
    imported_at_ms INTEGER NOT NULL,
    rows_read INTEGER NOT NULL,
    plays_added INTEGER NOT NULL
) STRICT;

-- Open tags ("genres") by tag name, for tracks and artists, with MusicBrainz's vote counts.
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE track_tags (
    track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    votes INTEGER NOT NULL,
    PRIMARY KEY (track_id, tag_id)
) STRICT;

CREATE TABLE artist_tags (
    artist_id INTEGER NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    votes INTEGER NOT NULL,
    PRIMARY KEY (artist_id, tag_id)
) STRICT;

-- One row per ISRC looked up, so the enrichment job resumes where it stopped and never asks twice.
CREATE TABLE tag_lookups (
    isrc TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('found', 'not_found', 'failed')),
    recording_mbid TEXT,
    looked_up_at_ms INTEGER NOT NULL
) STRICT;

-- A name-only album is looked up among the albums of its first artist (LibraryRepository): without this an
-- import of a lifetime export scans album_artists once per new track.
CREATE INDEX album_artists_artist_id_idx ON album_artists (artist_id);

-- Where polled and minute-precision (Account data) plays lie, for the import's merges: partial, so the
-- millions of extended-history rows cost nothing in them.
CREATE INDEX plays_polled_played_at_ms_idx ON plays (played_at_ms) WHERE source = 'polled';
CREATE INDEX plays_minute_precision_played_at_ms_idx ON plays (played_at_ms) WHERE minute_precision = 1;
