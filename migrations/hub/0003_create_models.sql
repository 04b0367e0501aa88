-- Training: each member chooses whether their plays join the household model (off until they say so), and
-- the trained models, versioned, so that clients download item factors only when the version changes.
-- Runs inside the migrator's transaction: no BEGIN or COMMIT here.

ALTER TABLE members ADD COLUMN training_opt_in boolean NOT NULL DEFAULT false;

-- factors: items × dimensions float32, little-endian, row-major (item_ids[i] owns row i); params: the ALS
-- options and what the model was trained on. The trainer keeps the last few versions (models_kept).
CREATE TABLE models (
    version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    dimensions integer NOT NULL CHECK (dimensions BETWEEN 1 AND 1024),
    item_ids text[] NOT NULL,
    factors bytea NOT NULL,
    params jsonb NOT NULL,
    CHECK (octet_length(factors) = 4 * dimensions * cardinality(item_ids))
);
