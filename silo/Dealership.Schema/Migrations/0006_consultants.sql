-- A consultant's status changes are rows, and the store's floor list is the consultants' own rows, written in the same
-- transaction as the consultant's state (the consultant-index grain and its blob go).
CREATE TABLE IF NOT EXISTS consultants
(
    store_id     text        NOT NULL,
    staff_id     text        NOT NULL,
    group_id     text        NOT NULL,
    display_name text        NOT NULL,
    status       text        NOT NULL,
    status_since timestamptz NOT NULL,
    active       boolean     NOT NULL,
    revision     integer     NOT NULL,
    PRIMARY KEY (store_id, staff_id)
);
CREATE INDEX IF NOT EXISTS ix_consultants_up_next ON consultants (store_id, status_since) WHERE active AND status = 'Available';

CREATE TABLE IF NOT EXISTS consultant_status_changes
(
    store_id    text        NOT NULL,
    staff_id    text        NOT NULL,
    revision    integer     NOT NULL,
    at          timestamptz NOT NULL,
    by          text        NOT NULL,
    from_status text        NOT NULL,
    to_status   text        NOT NULL,
    note        text        NULL,
    PRIMARY KEY (store_id, staff_id, revision)
);

-- Release 7 stored enums as numbers; these are their names (ConsultantStatus).
CREATE OR REPLACE FUNCTION dealership_consultant_status(n integer) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT (ARRAY['Available', 'WithCustomer', 'OnTestDrive', 'Delivering', 'Away'])[n]
$$;

INSERT INTO consultants (store_id, staff_id, group_id, display_name, status, status_since, active, revision)
SELECT split_part(grain_key, '/', 1), split_part(grain_key, '/', 2), payload->>'GroupId', payload->>'DisplayName',
       dealership_consultant_status((payload->>'Status')::int), (payload->>'StatusSince')::timestamptz,
       (payload->>'Active')::boolean, (payload->>'Revision')::int
  FROM grain_state
 WHERE state_name = 'consultant' AND payload->>'GroupId' IS NOT NULL
ON CONFLICT DO NOTHING;

-- History entries carried no number: they take the revisions just below the consultant's current one, in their order.
INSERT INTO consultant_status_changes (store_id, staff_id, revision, at, by, from_status, to_status, note)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2),
       (g.payload->>'Revision')::int - jsonb_array_length(g.payload->'History') + h.n::int,
       (h.e->>'At')::timestamptz, h.e->>'By', dealership_consultant_status((h.e->>'From')::int),
       dealership_consultant_status((h.e->>'To')::int), h.e->>'Note'
  FROM grain_state g, jsonb_array_elements(g.payload->'History') WITH ORDINALITY AS h(e, n)
 WHERE g.state_name = 'consultant' AND jsonb_typeof(g.payload->'History') = 'array'
ON CONFLICT DO NOTHING;

-- Idempotency-Keys of the last day move to their table, so a retry across the upgrade is still recognised.
INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at)
SELECT split_part(g.grain_key, '/', 1), o->>'Id', o->>'Fingerprint', (o->>'ResultJson')::jsonb, 'consultant', (o->>'At')::timestamptz
  FROM grain_state g, jsonb_array_elements(g.payload->'Operations'->'Items') o
 WHERE g.state_name = 'consultant' AND jsonb_typeof(g.payload->'Operations'->'Items') = 'array'
   AND (o->>'At')::timestamptz > now() - interval '24 hours'
ON CONFLICT DO NOTHING;

UPDATE grain_state SET payload = payload - 'History' - 'Operations', version = version + 1, modified_at = now()
 WHERE state_name = 'consultant' AND (payload ? 'History' OR payload ? 'Operations');
DELETE FROM grain_state WHERE state_name = 'consultant-index';
