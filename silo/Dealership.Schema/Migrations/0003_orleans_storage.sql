-- Grain state. Orleans passes the state name as GrainTypeString, so a row is identified by
-- service id + state name + grain key. The unique key makes the second of two concurrent
-- first writes of one grain fail (it returns no version, and Orleans raises
-- InconsistentStateException) instead of leaving two rows.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    ServiceId              varchar(150) NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_grain
    ON OrleansStorage (ServiceId, GrainTypeHash, GrainIdHash, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
    NULLS NOT DISTINCT;

-- Write: with no version the row must not exist yet; with a version it must match.
-- Returns the new version, or NULL when the condition fails (nothing is changed then).
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_service_id varchar, p_type varchar, p_type_hash integer, p_id_hash integer,
    p_n0 bigint, p_n1 bigint, p_ext varchar, p_version integer, p_payload bytea)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    new_version integer;
BEGIN
    IF p_version IS NULL THEN
        INSERT INTO OrleansStorage
            (ServiceId, GrainTypeString, GrainTypeHash, GrainIdHash, GrainIdN0, GrainIdN1,
             GrainIdExtensionString, PayloadBinary, ModifiedOn, Version)
        VALUES (p_service_id, p_type, p_type_hash, p_id_hash, p_n0, p_n1, p_ext, p_payload, now(), 1)
        ON CONFLICT (ServiceId, GrainTypeHash, GrainIdHash, GrainTypeString, GrainIdN0, GrainIdN1, GrainIdExtensionString)
        DO NOTHING
        RETURNING Version INTO new_version;
    ELSE
        UPDATE OrleansStorage
           SET PayloadBinary = p_payload, ModifiedOn = now(), Version = Version + 1
         WHERE ServiceId = p_service_id AND GrainTypeHash = p_type_hash AND GrainIdHash = p_id_hash
           AND GrainTypeString = p_type AND GrainIdN0 = p_n0 AND GrainIdN1 = p_n1
           AND GrainIdExtensionString IS NOT DISTINCT FROM p_ext
           AND Version = p_version
        RETURNING Version INTO new_version;
    END IF;
    RETURN new_version;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', $q$
    SELECT orleans_storage_write(@ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash,
        @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary) AS NewGrainStateVersion;
$q$),
-- A cleared row is kept (payload NULL, version bumped), so read still returns it and its version.
('ReadFromStorageKey', $q$
    SELECT PayloadBinary, Version
      FROM OrleansStorage
     WHERE ServiceId = @ServiceId AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
       AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),
('ClearStorageKey', $q$
    UPDATE OrleansStorage
       SET PayloadBinary = NULL, ModifiedOn = now(), Version = Version + 1
     WHERE ServiceId = @ServiceId AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
       AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$),
('DeleteStorageKey', $q$
    DELETE FROM OrleansStorage
     WHERE ServiceId = @ServiceId AND GrainTypeHash = @GrainTypeHash AND GrainIdHash = @GrainIdHash
       AND GrainTypeString = @GrainTypeString AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1
       AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
       AND Version = @GrainStateVersion
    RETURNING Version AS NewGrainStateVersion;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
