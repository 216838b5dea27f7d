-- A car's history and its stock-ledger lines become rows the car writes with its own state; the store's vehicle list and
-- transfer list are the cars' and transfers' own rows. The vehicle-index and stock-ledger blobs go.
CREATE TABLE IF NOT EXISTS vehicles
(
    group_id          text        NOT NULL,
    vin               text        NOT NULL,
    store_id          text        NOT NULL,
    model             text        NOT NULL,
    trim              text        NOT NULL,
    colour            text        NOT NULL,
    status            text        NOT NULL,
    demo              boolean     NOT NULL,
    in_stock_since    timestamptz NULL,
    revision          integer     NOT NULL,
    certificate       text        NOT NULL,
    floor_plan_lender text        NULL,
    floor_plan_due    date        NULL,
    cost              numeric     NOT NULL,
    transfer_to       text        NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (group_id, vin)
);
CREATE INDEX IF NOT EXISTS ix_vehicles_store ON vehicles (store_id, vin);
CREATE INDEX IF NOT EXISTS ix_vehicles_store_status ON vehicles (store_id, status, vin);

CREATE TABLE IF NOT EXISTS vehicle_history
(
    group_id    text        NOT NULL,
    vin         text        NOT NULL,
    revision    integer     NOT NULL,
    at          timestamptz NOT NULL,
    by          text        NOT NULL,
    what        text        NOT NULL,
    from_status text        NULL,
    to_status   text        NULL,
    ledger      text        NULL,
    store_id    text        NOT NULL,
    PRIMARY KEY (group_id, vin, revision)
);

-- Per-store running numbers (gapless: taken under the row's lock, inside the transaction that uses them).
CREATE TABLE IF NOT EXISTS store_counters
(
    store_id text   NOT NULL,
    name     text   NOT NULL,
    value    bigint NOT NULL,
    PRIMARY KEY (store_id, name)
);

CREATE TABLE IF NOT EXISTS stock_ledger
(
    group_id   text        NOT NULL,
    store_id   text        NOT NULL,
    number     bigint      NOT NULL,
    at         timestamptz NOT NULL,
    by         text        NOT NULL,
    vin        text        NOT NULL,
    type       text        NOT NULL,
    quantity   integer     NOT NULL,
    model      text        NOT NULL,
    trim       text        NOT NULL,
    colour     text        NOT NULL,
    demo       boolean     NOT NULL,
    reason     text        NULL,
    source_key text        NOT NULL,
    PRIMARY KEY (store_id, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_stock_ledger_source ON stock_ledger (store_id, source_key);
CREATE INDEX IF NOT EXISTS ix_stock_ledger_vin ON stock_ledger (store_id, vin, number);

CREATE TABLE IF NOT EXISTS transfers
(
    group_id         text        NOT NULL,
    transfer_id      text        NOT NULL,
    revision         integer     NOT NULL,
    vin              text        NOT NULL,
    from_store_id    text        NOT NULL,
    to_store_id      text        NOT NULL,
    status           text        NOT NULL,
    requested_at     timestamptz NOT NULL,
    requested_by     text        NOT NULL,
    decided_at       timestamptz NULL,
    decided_by       text        NULL,
    rejection_reason text        NULL,
    received_at      timestamptz NULL,
    received_by      text        NULL,
    PRIMARY KEY (group_id, transfer_id)
);
CREATE INDEX IF NOT EXISTS ix_transfers_from ON transfers (from_store_id, requested_at DESC);
CREATE INDEX IF NOT EXISTS ix_transfers_to ON transfers (to_store_id, requested_at DESC);

-- The car's status as staff see it (VehicleLifecycle.Visible): a deal's hold on a car in transit or in stock shows as Reserved.
CREATE OR REPLACE FUNCTION dealership_vehicle_status(p_physical jsonb, p_reservation jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(p_reservation) = 'object' AND (p_physical #>> '{}')::int IN (2, 3) THEN 'Reserved'
                ELSE dealership_enum(ARRAY['Ordered', 'InTransit', 'InStock', 'Reserved', 'Sold', 'Delivered', 'TransferredOut'], p_physical) END
$$;

INSERT INTO vehicles (group_id, vin, store_id, model, trim, colour, status, demo, in_stock_since, revision, certificate, floor_plan_lender,
                      floor_plan_due, cost, transfer_to, updated_at)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), g.payload->>'StoreId', g.payload->>'Model', g.payload->>'Trim',
       g.payload->>'Colour', dealership_vehicle_status(g.payload->'Physical', g.payload->'Reservation'), (g.payload->>'Demo')::boolean,
       (g.payload->>'InStockSince')::timestamptz, (g.payload->>'Revision')::int,
       (ARRAY['NotYetReceived', 'InSafe', 'WithFloorPlanBank', 'HandedToCustomer'])[(g.payload->>'Certificate')::int + 1],
       g.payload->'FloorPlan'->>'Lender', (g.payload->'FloorPlan'->>'DueDate')::date, (g.payload->>'Cost')::numeric,
       g.payload->>'TransferTo', g.modified_at
  FROM grain_state g
 WHERE g.state_name = 'vehicle' AND g.payload->>'StoreId' IS NOT NULL
ON CONFLICT DO NOTHING;

-- Every save of a release-7 car added one history entry and one revision: entry n is revision n.
INSERT INTO vehicle_history (group_id, vin, revision, at, by, what, from_status, to_status, ledger, store_id)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), h.n::int, (h.e->>'At')::timestamptz, h.e->>'By', h.e->>'What',
       dealership_enum(ARRAY['Ordered', 'InTransit', 'InStock', 'Reserved', 'Sold', 'Delivered', 'TransferredOut'], h.e->'From'),
       dealership_enum(ARRAY['Ordered', 'InTransit', 'InStock', 'Reserved', 'Sold', 'Delivered', 'TransferredOut'], h.e->'To'),
       dealership_enum(ARRAY['Receipt', 'TransferOut', 'TransferIn', 'SaleOut', 'Return', 'Correction'], h.e->'Ledger'), h.e->>'StoreId'
  FROM grain_state g, jsonb_array_elements(g.payload->'History') WITH ORDINALITY AS h(e, n)
 WHERE g.state_name = 'vehicle' AND jsonb_typeof(g.payload->'History') = 'array'
ON CONFLICT DO NOTHING;

INSERT INTO stock_ledger (group_id, store_id, number, at, by, vin, type, quantity, model, trim, colour, demo, reason, source_key)
SELECT dealership_store_group(split_part(g.grain_key, '/', 2)), split_part(g.grain_key, '/', 2), (e->>'Number')::bigint, (e->>'At')::timestamptz,
       e->>'By', e->>'Vin', dealership_enum(ARRAY['Receipt', 'TransferOut', 'TransferIn', 'SaleOut', 'Return', 'Correction'], e->'Type'),
       (e->>'Quantity')::int, e->>'Model', e->>'Trim', e->>'Colour', (e->>'Demo')::boolean, e->>'Reason', 'release7:' || (e->>'Number')
  FROM grain_state g, jsonb_array_elements(g.payload->'Entries') e
 WHERE g.state_name = 'stock-ledger' AND jsonb_typeof(g.payload->'Entries') = 'array'
ON CONFLICT DO NOTHING;

INSERT INTO store_counters (store_id, name, value)
SELECT store_id, 'stock-ledger', max(number) FROM stock_ledger GROUP BY store_id
ON CONFLICT (store_id, name) DO UPDATE SET value = greatest(store_counters.value, EXCLUDED.value);

INSERT INTO transfers (group_id, transfer_id, revision, vin, from_store_id, to_store_id, status, requested_at, requested_by, decided_at, decided_by,
                       rejection_reason, received_at, received_by)
SELECT split_part(g.grain_key, '/', 1), t->>'TransferId', 1, t->>'Vin', t->>'FromStoreId', t->>'ToStoreId',
       dealership_enum(ARRAY['Requested', 'InTransit', 'Received', 'Rejected'], t->'Status'), (t->>'RequestedAt')::timestamptz, t->>'RequestedBy',
       (t->>'DecidedAt')::timestamptz, t->>'DecidedBy', t->>'RejectionReason', (t->>'ReceivedAt')::timestamptz, t->>'ReceivedBy'
  FROM grain_state g, LATERAL (SELECT g.payload->'Transfer' AS t) x
 WHERE g.state_name = 'transfer' AND jsonb_typeof(g.payload->'Transfer') = 'object'
ON CONFLICT DO NOTHING;

UPDATE grain_state SET payload = payload || '{"Revision": 1}'::jsonb, version = version + 1, modified_at = now()
 WHERE state_name = 'transfer' AND jsonb_typeof(payload->'Transfer') = 'object';

INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at)
SELECT CASE g.state_name WHEN 'vehicle' THEN g.payload->>'StoreId' ELSE split_part(g.grain_key, '/', 2) END, o->>'Id', o->>'Fingerprint',
       (o->>'ResultJson')::jsonb, g.state_name, (o->>'At')::timestamptz
  FROM grain_state g, jsonb_array_elements(g.payload->'Operations'->'Items') o
 WHERE g.state_name IN ('vehicle', 'stock-ledger') AND jsonb_typeof(g.payload->'Operations'->'Items') = 'array'
   AND (o->>'At')::timestamptz > now() - interval '24 hours'
ON CONFLICT DO NOTHING;

UPDATE grain_state SET payload = payload - 'History' - 'Operations', version = version + 1, modified_at = now()
 WHERE state_name = 'vehicle' AND (payload ? 'History' OR payload ? 'Operations');
DELETE FROM grain_state WHERE state_name IN ('vehicle-index', 'stock-ledger');
