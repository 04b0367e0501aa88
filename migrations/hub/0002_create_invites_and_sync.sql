-- Pairing invites and the data devices sync up: plays, feedback and library snapshots.
-- Runs inside the migrator's transaction: no BEGIN or COMMIT here.

-- An invite is a short code an admin hands to a person (HB-2): at least 40 bits, valid for minutes, good for
-- one pairing. Only the SHA-256 of the normalised code is stored, like device tokens, so the table grants
-- nothing to whoever reads it. used_at is set in the same statement that checks it, so two devices racing
-- with one code cannot both pair.
CREATE TABLE invites (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    household_id bigint NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    code_sha256 char(64) NOT NULL UNIQUE CHECK (code_sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    used_by_device_id bigint REFERENCES devices (id) ON DELETE SET NULL,
    CHECK (expires_at > created_at)
);

CREATE INDEX invites_household_id_idx ON invites (household_id);

-- Synced rows are keyed by (member, client-generated id): the client gives each event its id when it writes
-- it to its outbox, so an upload that is retried after a lost answer is recognised (HB-9). The payload is
-- kept as sent (jsonb) with the SHA-256 of its canonical JSON, so the same id arriving with another payload
-- is told apart from a repeat without comparing documents. device_id says which device sent it; a revoked
-- or deleted device does not take its member's data with it.
CREATE TABLE plays (
    member_id bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    client_id uuid NOT NULL,
    device_id bigint REFERENCES devices (id) ON DELETE SET NULL,
    played_at timestamptz NOT NULL,
    track_uri text CHECK (track_uri ~ '^spotify:track:[0-9A-Za-z]{22}$'),
    ms_played integer CHECK (ms_played BETWEEN 0 AND 86400000),
    payload jsonb NOT NULL,
    payload_sha256 char(64) NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, client_id)
);

-- Part 2's household queries read a member's plays over a time range ("played this week", top lists), and
-- training reads every opted-in member's plays by track.
CREATE INDEX plays_member_played_at_idx ON plays (member_id, played_at);
CREATE INDEX plays_played_at_idx ON plays (played_at);

CREATE TABLE feedback (
    member_id bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    client_id uuid NOT NULL,
    device_id bigint REFERENCES devices (id) ON DELETE SET NULL,
    kind text NOT NULL CHECK (kind IN ('like', 'unlike', 'hide_track', 'hide_artist', 'not_now')),
    uri text NOT NULL CHECK (uri ~ '^spotify:(track|artist):[0-9A-Za-z]{22}$'),
    created_at timestamptz NOT NULL,
    payload jsonb NOT NULL,
    payload_sha256 char(64) NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, client_id)
);

CREATE INDEX feedback_member_created_at_idx ON feedback (member_id, created_at);

-- A library snapshot is a member's saved tracks and followed artists at one moment; shared favourites are
-- computed from each member's latest one.
CREATE TABLE library_snapshots (
    member_id bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    client_id uuid NOT NULL,
    device_id bigint REFERENCES devices (id) ON DELETE SET NULL,
    taken_at timestamptz NOT NULL,
    payload jsonb NOT NULL,
    payload_sha256 char(64) NOT NULL CHECK (payload_sha256 ~ '^[0-9a-f]{64}$'),
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (member_id, client_id)
);

CREATE INDEX library_snapshots_member_taken_at_idx ON library_snapshots (member_id, taken_at);

-- Devices are looked up by token hash on every request (the UNIQUE index of 0001); listing them per household
-- goes through members.
CREATE INDEX members_household_id_idx ON members (household_id);
