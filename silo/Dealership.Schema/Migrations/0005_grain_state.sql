-- Grain state moves to the project's own table, written by the project's own storage provider
-- (Dealership.Grains/Storage/GrainStateStore.cs). The provider writes a grain's state row and the
-- records its change produces (ledger lines, histories, list rows) in one transaction, so a record
-- is never lost and never written twice. A row is keyed by service id + state name + grain key.
CREATE TABLE IF NOT EXISTS grain_state
(
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    grain_key   text        NOT NULL,
    version     integer     NOT NULL,
    payload     jsonb       NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_key)
);

-- Writes a state row. With no expected version the row must not exist yet; with one, it must match.
-- Returns the new version; on a mismatch raises SQLSTATE DLVER, so every statement sent with it in
-- the same transaction (the records) is rolled back too.
CREATE OR REPLACE FUNCTION dealership_write_state(
    p_service text, p_name text, p_key text, p_version integer, p_payload jsonb)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO grain_state (service_id, state_name, grain_key, version, payload, modified_at)
        VALUES (p_service, p_name, p_key, 1, p_payload, now())
        ON CONFLICT (service_id, state_name, grain_key) DO NOTHING
        RETURNING version INTO new_version;
    ELSE
        UPDATE grain_state
           SET payload = p_payload, version = version + 1, modified_at = now()
         WHERE service_id = p_service AND state_name = p_name AND grain_key = p_key AND version = p_version
        RETURNING version INTO new_version;
    END IF;
    IF new_version IS NULL THEN
        RAISE EXCEPTION 'grain state %/% was changed by another writer (expected version %)', p_name, p_key, p_version
            USING ERRCODE = 'DLVER';
    END IF;
    RETURN new_version;
END
$$;

-- Release 7 kept state in Orleans' ADO.NET table, one JSON document per grain keyed by the grain key
-- string. Copy it over as it is; later scripts move each grain's growing lists into their tables.
INSERT INTO grain_state (service_id, state_name, grain_key, version, payload, modified_at)
SELECT serviceid, graintypestring, grainidextensionstring, version,
       CASE WHEN payloadbinary IS NULL THEN NULL ELSE convert_from(payloadbinary, 'UTF8')::jsonb END, modifiedon
  FROM orleansstorage
 WHERE grainidextensionstring IS NOT NULL
ON CONFLICT DO NOTHING;

-- The old table is kept under a name no release-7 process knows, so a silo of the old release started on
-- this database fails at once instead of writing state that no one reads. It may be dropped after a backup.
ALTER TABLE orleansstorage RENAME TO orleansstorage_release7;
DELETE FROM OrleansQuery WHERE QueryKey IN ('WriteToStorageKey', 'ReadFromStorageKey', 'ClearStorageKey', 'DeleteStorageKey');
DROP FUNCTION IF EXISTS orleans_storage_write(varchar, varchar, integer, integer, bigint, bigint, varchar, integer, bytea);

-- Idempotency-Keys carried out, with their answers: unique per store (or group) and caller+key, written in the
-- same transaction as the change, honoured for 24 hours however many other writes come between, then removed.
CREATE TABLE IF NOT EXISTS operations
(
    scope        text        NOT NULL,
    operation_id text        NOT NULL,
    fingerprint  text        NOT NULL,
    result       jsonb       NOT NULL,
    grain        text        NOT NULL,
    at           timestamptz NOT NULL,
    PRIMARY KEY (scope, operation_id)
);
CREATE INDEX IF NOT EXISTS ix_operations_at ON operations (at);
