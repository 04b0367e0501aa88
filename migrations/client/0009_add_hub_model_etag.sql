-- The ETag of the household hub's model answer (GET /api/v1/model), which covers the model's version and the
-- household's data (household_tracks, now with each track's artists: [{uri, name, members, artists: [{name,
-- uri?}]}]), so that a new play in the household reaches this device without a new training. A model kept from
-- before has none (''): the next download asks without If-None-Match and keeps the ETag it gets.
ALTER TABLE hub_model ADD COLUMN etag TEXT NOT NULL DEFAULT '';
