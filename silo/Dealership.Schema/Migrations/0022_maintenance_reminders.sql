-- Bringing the customer back (DOMAIN: 依据客户行驶的时间路程及时提醒客户维护保养): each store's maintenance plans by model, the
-- odometer corrections an advisor records when a cluster was replaced, the next visit agreed at handover, the reminder calls
-- and their outcomes, and each customer's consent to marketing contact. A car's next service is computed in SQL from these and
-- the repair orders and deliveries; nothing of it is kept per car.

-- A plan per model; the model '*' is the store's plan for cars of a model it has no plan for (or does not know).
CREATE TABLE IF NOT EXISTS maintenance_plans
(
    group_id        text        NOT NULL,
    store_id        text        NOT NULL,
    model           text        NOT NULL,
    first_km        integer     NOT NULL,
    first_months    integer     NOT NULL,
    interval_km     integer     NOT NULL,
    interval_months integer     NOT NULL,
    operations      text[]      NOT NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    PRIMARY KEY (store_id, model)
);

-- An instrument cluster replaced: readings before it no longer count for the car's pace.
CREATE TABLE IF NOT EXISTS odometer_resets
(
    group_id        text        NOT NULL,
    store_id        text        NOT NULL,
    vin             text        NOT NULL,
    at              timestamptz NOT NULL,
    repair_order_id text        NOT NULL,
    previous        integer     NOT NULL,
    reading         integer     NOT NULL,
    reason          text        NOT NULL,
    by              text        NOT NULL,
    PRIMARY KEY (group_id, vin, at)
);

-- The next visit the advisor agreed with the customer at handover.
ALTER TABLE repair_orders ADD COLUMN IF NOT EXISTS next_visit date NULL;
UPDATE repair_orders r SET next_visit = (g.payload->'Order'->'Handover'->>'NextVisit')::date
  FROM grain_state g
 WHERE g.state_name = 'repair-order' AND g.grain_key = r.store_id || '/' || r.repair_order_id
   AND r.next_visit IS NULL AND g.payload->'Order'->'Handover'->>'NextVisit' IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_repair_orders_group_vin ON repair_orders (group_id, vin, opened_at DESC) WHERE vin IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_vehicle_history_delivered ON vehicle_history (group_id, vin, at DESC) WHERE to_status = 'Delivered';
CREATE INDEX IF NOT EXISTS ix_vehicle_history_store_delivered ON vehicle_history (store_id, vin) WHERE to_status = 'Delivered';
CREATE INDEX IF NOT EXISTS ix_deals_delivered_vin ON deals (store_id, vin) WHERE status = 'Delivered';

-- Each store's cars and their next service as computed for the day (the first reminder list read of the day computes it in one
-- statement): the day's list pages through these rows instead of computing every car again for each page.
CREATE TABLE IF NOT EXISTS service_due
(
    store_id       text        NOT NULL,
    vin            text        NOT NULL,
    model          text        NULL,
    delivered_at   timestamptz NULL,
    last_at        timestamptz NULL,
    last_km        integer     NOT NULL,
    readings       integer     NOT NULL,
    km_per_day     numeric     NOT NULL,
    first_service  boolean     NOT NULL,
    plan_model     text        NOT NULL,
    operations     text[]      NOT NULL,
    due_on         date        NOT NULL,
    due_km         integer     NOT NULL,
    basis          text        NOT NULL,
    customer_id    text        NULL,
    customer_store text        NOT NULL,
    customer_name  text        NOT NULL,
    mobile         text        NULL,
    plate          text        NULL,
    PRIMARY KEY (store_id, vin)
);
CREATE INDEX IF NOT EXISTS ix_service_due_day ON service_due (store_id, due_on, vin);

CREATE TABLE IF NOT EXISTS service_due_runs
(
    store_id    text        NOT NULL PRIMARY KEY,
    day         date        NOT NULL,
    computed_at timestamptz NOT NULL,
    cars        integer     NOT NULL
);

-- Every reminder call about a car and how it went.
CREATE TABLE IF NOT EXISTS service_reminder_contacts
(
    group_id       text        NOT NULL,
    store_id       text        NOT NULL,
    vin            text        NOT NULL,
    at             timestamptz NOT NULL,
    by             text        NOT NULL,
    outcome        text        NOT NULL,
    reason         text        NULL,
    appointment_id text        NULL,
    due_on         date        NOT NULL,
    PRIMARY KEY (group_id, vin, at)
);
CREATE INDEX IF NOT EXISTS ix_service_reminder_contacts_store ON service_reminder_contacts (store_id, at DESC);

-- A customer's consent to marketing contact (PIPL), as given at the first visit and changed on their request; the latest row holds.
CREATE TABLE IF NOT EXISTS customer_consents
(
    group_id    text        NOT NULL,
    store_id    text        NOT NULL,
    customer_id text        NOT NULL,
    at          timestamptz NOT NULL,
    marketing   boolean     NOT NULL,
    channel     text        NULL,
    by          text        NOT NULL,
    PRIMARY KEY (store_id, customer_id, at)
);
