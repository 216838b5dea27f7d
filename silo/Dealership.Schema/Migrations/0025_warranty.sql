-- Warranty (DOMAIN: the consultant explains warranty and maintenance terms at delivery; the front desk keeps customers coming
-- back): each model's basic warranty is kept with its maintenance plan; a car's warranty end is computed with its next service
-- (service_due, from its delivery, pace and plan); extended warranties sold and the calls before a warranty ends are rows.

ALTER TABLE maintenance_plans ADD COLUMN IF NOT EXISTS warranty_years integer NOT NULL DEFAULT 3;
ALTER TABLE maintenance_plans ADD COLUMN IF NOT EXISTS warranty_km integer NOT NULL DEFAULT 100000;

ALTER TABLE service_due ADD COLUMN IF NOT EXISTS warranty_ends_on date NULL;
ALTER TABLE service_due ADD COLUMN IF NOT EXISTS warranty_ends_km integer NULL;
ALTER TABLE service_due ADD COLUMN IF NOT EXISTS warranty_basis text NULL;
CREATE INDEX IF NOT EXISTS ix_service_due_warranty ON service_due (store_id, warranty_ends_on, vin) WHERE warranty_ends_on IS NOT NULL;
-- The day's computations so far have no warranty ends: the next read computes them again.
DELETE FROM service_due_runs;

-- An extended warranty (延保) sold for a car: one per car in the group, at the selling store's price and cost of the day.
CREATE TABLE IF NOT EXISTS extended_warranties
(
    group_id    text           NOT NULL,
    vin         text           NOT NULL,
    store_id    text           NOT NULL,
    sold_at     timestamptz    NOT NULL,
    sold_by     text           NOT NULL,
    years       integer        NOT NULL,
    km          integer        NOT NULL,
    price       numeric(14, 2) NOT NULL,
    cost        numeric(14, 2) NOT NULL,
    ends_on     date           NOT NULL,
    ends_km     integer        NOT NULL,
    PRIMARY KEY (group_id, vin)
);
CREATE INDEX IF NOT EXISTS ix_extended_warranties_store ON extended_warranties (store_id, sold_at);

-- Every call to a customer before their car's basic warranty ends, and how it went.
CREATE TABLE IF NOT EXISTS warranty_calls
(
    group_id    text        NOT NULL,
    store_id    text        NOT NULL,
    vin         text        NOT NULL,
    at          timestamptz NOT NULL,
    by          text        NOT NULL,
    outcome     text        NOT NULL,
    reason      text        NULL,
    ends_on     date        NOT NULL,
    PRIMARY KEY (group_id, vin, at)
);
CREATE INDEX IF NOT EXISTS ix_warranty_calls_store ON warranty_calls (store_id, at DESC);

-- Each car's service as the store's daily reminder list first listed it due (once per car and due date): the month's reminder
-- funnel counts from these, since the day's computation (service_due) is replaced every day.
CREATE TABLE IF NOT EXISTS service_due_log
(
    store_id   text NOT NULL,
    vin        text NOT NULL,
    due_on     date NOT NULL,
    listed_on  date NOT NULL,
    PRIMARY KEY (store_id, vin, due_on)
);
CREATE INDEX IF NOT EXISTS ix_service_due_log_due ON service_due_log (store_id, due_on);
