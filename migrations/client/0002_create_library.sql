-- The user's Spotify library and listening history, and the outbox of events for the hub.
-- Times are Unix milliseconds (UTC) in *_at_ms columns; durations in *_ms.
-- spotify_id is NULL for rows known only by name (imported history without URIs).

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    account_id TEXT UNIQUE,
    spotify_user_id TEXT NOT NULL UNIQUE,
    display_name TEXT,
    image_url TEXT,
    fetched_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE artists (
    id INTEGER PRIMARY KEY,
    spotify_id TEXT UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    image_url TEXT,
    updated_at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX artists_name_key_idx ON artists (name_key);

CREATE TABLE albums (
    id INTEGER PRIMARY KEY,
    spotify_id TEXT UNIQUE,
    name TEXT NOT NULL,
    album_type TEXT,
    release_date TEXT,
    release_date_precision TEXT,
    total_tracks INTEGER,
    image_url TEXT,
    upc TEXT,
    updated_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE album_artists (
    album_id INTEGER NOT NULL REFERENCES albums (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    artist_id INTEGER NOT NULL REFERENCES artists (id),
    PRIMARY KEY (album_id, position)
) STRICT;

CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    spotify_id TEXT UNIQUE,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    album_id INTEGER REFERENCES albums (id),
    duration_ms INTEGER,
    explicit INTEGER,
    disc_number INTEGER,
    track_number INTEGER,
    isrc TEXT,
    is_local INTEGER NOT NULL DEFAULT 0,
    updated_at_ms INTEGER NOT NULL
) STRICT;
CREATE INDEX tracks_name_key_idx ON tracks (name_key);
CREATE INDEX tracks_isrc_idx ON tracks (isrc);
CREATE INDEX tracks_album_id_idx ON tracks (album_id);

CREATE TABLE track_artists (
    track_id INTEGER NOT NULL REFERENCES tracks (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    artist_id INTEGER NOT NULL REFERENCES artists (id),
    PRIMARY KEY (track_id, position)
) STRICT;
CREATE INDEX track_artists_artist_id_idx ON track_artists (artist_id);

-- One row per listen. A polled play and an imported row for the same listen are merged into one.
CREATE TABLE plays (
    id INTEGER PRIMARY KEY,
    track_id INTEGER NOT NULL REFERENCES tracks (id),
    played_at_ms INTEGER NOT NULL,
    ms_played INTEGER,
    source TEXT NOT NULL CHECK (source IN ('polled', 'imported')),
    context_uri TEXT,
    context_type TEXT,
    skipped INTEGER,
    shuffle INTEGER,
    offline INTEGER,
    UNIQUE (track_id, played_at_ms)
) STRICT;
CREATE INDEX plays_played_at_ms_idx ON plays (played_at_ms);

-- What Spotify's top lists said on a given day, so the user can see them change over time.
CREATE TABLE top_snapshots (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('artists', 'tracks')),
    time_range TEXT NOT NULL CHECK (time_range IN ('short_term', 'medium_term', 'long_term')),
    taken_on TEXT NOT NULL,
    taken_at_ms INTEGER NOT NULL,
    UNIQUE (kind, time_range, taken_on)
) STRICT;

CREATE TABLE top_snapshot_items (
    snapshot_id INTEGER NOT NULL REFERENCES top_snapshots (id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    artist_id INTEGER REFERENCES artists (id),
    track_id INTEGER REFERENCES tracks (id),
    PRIMARY KEY (snapshot_id, rank),
    CHECK ((artist_id IS NULL) <> (track_id IS NULL))
) STRICT;

CREATE TABLE saved_tracks (
    track_id INTEGER PRIMARY KEY REFERENCES tracks (id),
    added_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE followed_artists (
    artist_id INTEGER PRIMARY KEY REFERENCES artists (id),
    seen_at_ms INTEGER NOT NULL
) STRICT;

-- Playlists the user owns or collaborates on (Spotify serves the items of no others).
CREATE TABLE playlists (
    id INTEGER PRIMARY KEY,
    spotify_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT,
    owner_spotify_id TEXT,
    owner_display_name TEXT,
    collaborative INTEGER NOT NULL DEFAULT 0,
    public INTEGER,
    snapshot_id TEXT,
    item_count INTEGER NOT NULL DEFAULT 0,
    image_url TEXT,
    updated_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE playlist_items (
    playlist_id INTEGER NOT NULL REFERENCES playlists (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    track_id INTEGER REFERENCES tracks (id),
    added_at_ms INTEGER,
    added_by TEXT,
    PRIMARY KEY (playlist_id, position)
) STRICT;

-- Per synced resource ("profile", "recently_played", "top_tracks_short_term" …): where to continue and how
-- the last attempt went.
CREATE TABLE sync_state (
    resource TEXT PRIMARY KEY,
    cursor TEXT,
    snapshot TEXT,
    last_attempt_at_ms INTEGER,
    last_success_at_ms INTEGER,
    last_error TEXT
) STRICT;

-- Stretches of time in which recently-played polling may have missed plays (more than 50 between polls).
CREATE TABLE sync_gaps (
    id INTEGER PRIMARY KEY,
    from_ms INTEGER NOT NULL,
    to_ms INTEGER NOT NULL,
    detected_at_ms INTEGER NOT NULL,
    CHECK (from_ms <= to_ms)
) STRICT;

-- Events not yet acknowledged by the hub: the one thing in this file that cannot be fetched again.
-- event_id is generated here and is the hub's idempotency key; a row is deleted only once the hub acked it.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('play', 'feedback', 'library_snapshot')),
    payload TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at_ms INTEGER
) STRICT;
