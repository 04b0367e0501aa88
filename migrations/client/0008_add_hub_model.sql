-- The household hub's current model (GET /api/v1/model), so that household picks work offline and the next
-- download asks only whether the version changed (If-None-Match). One row: a new version replaces it whole.
-- hub_url and household_id name the pairing it came from, so that a model of an earlier pairing is never shown.
-- item_ids is a JSON array of track URIs; factors holds item_ids × dimensions little-endian float32, row-major;
-- params is the ALS options the fold-in uses (JSON object); household_tracks is what the household played of the
-- model's items (JSON array of {uri, name, members}), the names for tracks this cache does not know.
CREATE TABLE hub_model (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    hub_url TEXT NOT NULL,
    household_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    created_at_ms INTEGER NOT NULL,
    downloaded_at_ms INTEGER NOT NULL,
    dimensions INTEGER NOT NULL CHECK (dimensions > 0),
    params TEXT NOT NULL,
    item_ids TEXT NOT NULL,
    factors BLOB NOT NULL CHECK (length(factors) = 4 * dimensions * json_array_length(item_ids)),
    household_tracks TEXT NOT NULL
) STRICT;
