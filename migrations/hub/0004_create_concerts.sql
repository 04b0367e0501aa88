-- Concerts (issue 8): a household's home location, the events the refresh job fetched from the providers for
-- the household's artists, which artist each event matched, the providers' ids of artists learned on the way,
-- and each provider's request count per day, kept here so that a restart does not reset the daily budget.
-- Runs inside the migrator's transaction: no BEGIN or COMMIT here.

CREATE TABLE household_locations (
    household_id bigint PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,
    place_name text NOT NULL CHECK (char_length(place_name) BETWEEN 1 AND 200),
    latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    radius_km double precision NOT NULL CHECK (radius_km >= 1 AND radius_km <= 500),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per provider event, shared by the households whose artists it matched. artist_name is the
-- headliner as the provider bills it; fetched_at and expires_at are the time-to-live of the last fetch that
-- listed the event. A provider that is down leaves the rows as they are, so clients still see them with their
-- age.
CREATE TABLE concert_events (
    provider text NOT NULL CHECK (provider IN ('ticketmaster', 'seatgeek')),
    provider_event_id text NOT NULL CHECK (char_length(provider_event_id) BETWEEN 1 AND 200),
    artist_name text NOT NULL,
    name text NOT NULL,
    local_date date,
    local_time time,
    starts_at timestamptz,
    time_zone text,
    status text,
    venue_name text,
    city text,
    country_code text,
    country_name text,
    latitude double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude double precision CHECK (longitude BETWEEN -180 AND 180),
    ticket_url text,
    fetched_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (provider, provider_event_id),
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (expires_at >= fetched_at)
);

CREATE INDEX concert_events_local_date_idx ON concert_events (local_date);

-- When the job last asked a provider about one artist of a household (also when nothing was found), so
-- that the next run asks again only once the answer expired.
CREATE TABLE concert_searches (
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    artist_uri text NOT NULL CHECK (artist_uri ~ '^spotify:artist:[0-9A-Za-z]{22}$'),
    provider text NOT NULL CHECK (provider IN ('ticketmaster', 'seatgeek')),
    fetched_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    events integer NOT NULL CHECK (events >= 0),
    PRIMARY KEY (household_id, artist_uri, provider)
);

-- Which household artist an event is a show of, and how that was decided: the provider's id of the artist
-- (attraction_id), the Spotify id the provider links the act to (spotify_id), or the normalised name (name).
CREATE TABLE concert_matches (
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    artist_uri text NOT NULL CHECK (artist_uri ~ '^spotify:artist:[0-9A-Za-z]{22}$'),
    artist_name text NOT NULL,
    provider text NOT NULL,
    provider_event_id text NOT NULL,
    matched_by text NOT NULL CHECK (matched_by IN ('attraction_id', 'spotify_id', 'name')),
    billed_as text NOT NULL,
    headliner boolean NOT NULL,
    PRIMARY KEY (household_id, artist_uri, provider, provider_event_id),
    FOREIGN KEY (provider, provider_event_id) REFERENCES concert_events (provider, provider_event_id) ON DELETE CASCADE
);

CREATE INDEX concert_matches_event_idx ON concert_matches (provider, provider_event_id);

-- A provider's id of an artist (Ticketmaster attraction id, SeatGeek performer id), learned when a provider
-- linked an act to the artist's Spotify id: later searches ask by this id instead of by name.
CREATE TABLE concert_attractions (
    artist_uri text NOT NULL CHECK (artist_uri ~ '^spotify:artist:[0-9A-Za-z]{22}$'),
    provider text NOT NULL CHECK (provider IN ('ticketmaster', 'seatgeek')),
    provider_artist_id text NOT NULL CHECK (char_length(provider_artist_id) BETWEEN 1 AND 200),
    learned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (artist_uri, provider)
);

-- Requests sent to each provider per UTC day, retries included: the daily budget across runs and restarts.
CREATE TABLE concert_request_budgets (
    provider text NOT NULL CHECK (provider IN ('ticketmaster', 'seatgeek')),
    day date NOT NULL,
    requests integer NOT NULL CHECK (requests >= 0),
    PRIMARY KEY (provider, day)
);
