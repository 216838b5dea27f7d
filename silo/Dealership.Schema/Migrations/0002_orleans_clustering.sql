-- Membership: one version row per deployment (cluster id) and one row per silo incarnation.
-- Every write that changes membership compare-and-swaps the version row; heartbeats do not.
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId varchar(150) NOT NULL PRIMARY KEY,
    Timestamp    timestamptz  NOT NULL DEFAULT now(),
    Version      integer      NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150) NOT NULL REFERENCES OrleansMembershipVersionTable (DeploymentId),
    Address      varchar(45)  NOT NULL,
    Port         integer      NOT NULL,
    Generation   integer      NOT NULL,
    SiloName     varchar(150) NOT NULL,
    HostName     varchar(150) NOT NULL,
    Status       integer      NOT NULL,
    ProxyPort    integer      NULL,
    SuspectTimes text         NULL,
    StartTime    timestamptz  NOT NULL,
    IAmAliveTime timestamptz  NOT NULL,
    PRIMARY KEY (DeploymentId, Address, Port, Generation)
);

-- Insert a silo row only if the caller saw the current table version; on success bump the version.
-- The version row is locked first, so a mismatch or an existing row changes nothing and returns 0.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    inserted integer;
BEGIN
    PERFORM 1 FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id AND Version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;
    GET DIAGNOSTICS inserted = ROW_COUNT;
    IF inserted = 0 THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN 1;
END
$$;

-- Update a silo row (status, suspicions, heartbeat) under the same compare-and-swap rule.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    updated integer;
BEGIN
    PERFORM 1 FROM OrleansMembershipVersionTable
     WHERE DeploymentId = p_deployment_id AND Version = p_version
       FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
       SET Status = p_status,
           SuspectTimes = p_suspect_times,
           IAmAliveTime = GREATEST(IAmAliveTime, p_i_am_alive_time)
     WHERE DeploymentId = p_deployment_id AND Address = p_address
       AND Port = p_port AND Generation = p_generation;
    GET DIAGNOSTICS updated = ROW_COUNT;
    IF updated = 0 THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipVersionTable
       SET Version = Version + 1, Timestamp = now()
     WHERE DeploymentId = p_deployment_id;
    RETURN 1;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO OrleansMembershipVersionTable (DeploymentId) VALUES (@DeploymentId)
        ON CONFLICT (DeploymentId) DO NOTHING
        RETURNING 1)
    SELECT count(*)::integer FROM created;
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version);
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
        @SuspectTimes, @IAmAliveTime, @Version);
$q$),
-- A heartbeat: never bumps the table version (it is not a membership change).
('UpdateIAmAlivetimeKey', $q$
    UPDATE OrleansMembershipTable
       SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
     WHERE DeploymentId = @DeploymentId AND Address = @Address
       AND Port = @Port AND Generation = @Generation;
$q$),
-- Both reads start from the version row, so the version comes back even with no members.
('MembershipReadRowKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m
             ON m.DeploymentId = v.DeploymentId
            AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
     WHERE v.DeploymentId = @DeploymentId;
$q$),
('MembershipReadAllKey', $q$
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
           m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
      FROM OrleansMembershipVersionTable v
      LEFT JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
     WHERE v.DeploymentId = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
    SELECT Address, ProxyPort, Generation
      FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Status = @Status AND ProxyPort > 0;
$q$),
-- Cleanup removes only dead silos (status 6) that stopped heartbeating before the cut-off.
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status = 6;
$q$),
('CleanupDefunctSiloEntryKey', $q$
    DELETE FROM OrleansMembershipTable
     WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port
       AND Generation = @Generation AND Status = 6 AND IAmAliveTime <= @IAmAliveTime;
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
