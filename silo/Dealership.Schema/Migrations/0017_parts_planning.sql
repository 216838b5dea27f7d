-- The parts planner's data (DOMAIN workflow 10): each part's supplier, lead time, pack size, configured minimum, moving
-- average cost and price; the unit cost of each receipt; and each part's demand per store-local day (issues to repairs and
-- counter sales, less returns), which the planning run reads in one query for a whole store.
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS supplier text NULL;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS lead_time_days integer NOT NULL DEFAULT 7;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS pack_size integer NOT NULL DEFAULT 1;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS minimum integer NOT NULL DEFAULT 0;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS average_cost numeric(14, 4) NOT NULL DEFAULT 0;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS price numeric(14, 2) NOT NULL DEFAULT 0;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS created_at timestamptz NULL;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS last_movement_at timestamptz NULL;
ALTER TABLE parts_items ADD COLUMN IF NOT EXISTS reserved integer NOT NULL DEFAULT 0;

-- Parts of earlier releases: created when first written, last moved at their last movement.
UPDATE parts_items p SET created_at = COALESCE((SELECT min(m.at) FROM parts_movements m WHERE m.store_id = p.store_id AND m.part_number = p.part_number), p.updated_at)
 WHERE created_at IS NULL;
UPDATE parts_items p SET last_movement_at = (SELECT max(m.at) FROM parts_movements m WHERE m.store_id = p.store_id AND m.part_number = p.part_number)
 WHERE last_movement_at IS NULL;

ALTER TABLE parts_movements ADD COLUMN IF NOT EXISTS unit_cost numeric(14, 4) NULL;
ALTER TABLE parts_movements ADD COLUMN IF NOT EXISTS repair_order text NULL;
CREATE INDEX IF NOT EXISTS ix_parts_movements_repair_order ON parts_movements (store_id, part_number, repair_order) WHERE repair_order IS NOT NULL;

CREATE TABLE IF NOT EXISTS parts_demand
(
    store_id    text    NOT NULL,
    part_number text    NOT NULL,
    day         date    NOT NULL,
    quantity    integer NOT NULL,
    PRIMARY KEY (store_id, part_number, day)
);

-- The review reads one store's last year: by day, so years of history are not read each time.
CREATE INDEX IF NOT EXISTS ix_parts_demand_store_day ON parts_demand (store_id, day) INCLUDE (part_number, quantity);

-- Demand of earlier releases: what was issued to repairs, less what came back, per UTC+8 day (every store then was in China).
INSERT INTO parts_demand (store_id, part_number, day, quantity)
SELECT store_id, part_number, (at AT TIME ZONE 'Asia/Shanghai')::date, -sum(quantity)::integer
  FROM parts_movements WHERE reason IN ('IssueToRepair', 'ReturnFromRepair')
 GROUP BY store_id, part_number, (at AT TIME ZONE 'Asia/Shanghai')::date
ON CONFLICT DO NOTHING;

-- Units held for open repair orders: each hold, issue against it and release, with who and when (quantity: + held, − let go).
CREATE TABLE IF NOT EXISTS parts_reservations
(
    store_id     text        NOT NULL,
    part_number  text        NOT NULL,
    number       integer     NOT NULL,
    repair_order text        NOT NULL,
    kind         text        NOT NULL,
    quantity     integer     NOT NULL,
    at           timestamptz NOT NULL,
    by           text        NOT NULL,
    PRIMARY KEY (store_id, part_number, number)
);
