-- Concerts found at the providers (Ticketmaster, SeatGeek), cached per query: one row per artist, provider
-- and place asked about, with when it was fetched and until when it counts as fresh. An expired query is
-- asked again; while a provider is down its expired events are still shown, with their age.
CREATE TABLE concert_queries (
    id INTEGER PRIMARY KEY,
    provider TEXT NOT NULL CHECK (provider IN ('ticketmaster', 'seatgeek')),
    query_key TEXT NOT NULL,
    fetched_at_ms INTEGER NOT NULL,
    expires_at_ms INTEGER NOT NULL,
    UNIQUE (provider, query_key)
) STRICT;

-- The events a query returned, in the shape of engine::concertEventToJson.
CREATE TABLE concert_events (
    query_id INTEGER NOT NULL REFERENCES concert_queries (id) ON DELETE CASCADE,
    provider_event_id TEXT NOT NULL,
    local_date TEXT NOT NULL,
    event_json TEXT NOT NULL CHECK (json_valid(event_json)),
    PRIMARY KEY (query_id, provider_event_id)
) STRICT;
