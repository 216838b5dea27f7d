-- A car's first arrival in the group's stock, kept across transfers between stores (in_stock_since is per store). Cars already
-- here take the earliest of their in-stock date and their first receipt in the history.
ALTER TABLE vehicles ADD COLUMN IF NOT EXISTS arrived_in_group timestamptz NULL;
UPDATE vehicles v
SET arrived_in_group = LEAST(v.in_stock_since,
    (SELECT min(h.at) FROM vehicle_history h WHERE h.group_id = v.group_id AND h.vin = v.vin AND h.ledger = 'Receipt'))
WHERE v.arrived_in_group IS NULL AND v.in_stock_since IS NOT NULL;

-- The cars new to a store since a date (the OEM order proposal subtracts them from earlier orders still awaited).
CREATE INDEX IF NOT EXISTS ix_vehicle_history_arrivals ON vehicle_history (store_id, at) WHERE revision = 1;
