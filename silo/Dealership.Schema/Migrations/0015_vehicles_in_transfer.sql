-- A car in transfer is on the receiving store's stock list too: find the cars coming to a store.
CREATE INDEX IF NOT EXISTS ix_vehicles_transfer_to ON vehicles (transfer_to) WHERE transfer_to IS NOT NULL;
