-- Test-drive bookings of demo cars. The car's grain writes them one at a time (so two never overlap); a cancellation is
-- recorded on the row, never a delete.
CREATE TABLE IF NOT EXISTS test_drive_bookings
(
    group_id      text        NOT NULL,
    booking_id    text        NOT NULL,
    store_id      text        NOT NULL,
    vin           text        NOT NULL,
    customer_id   text        NOT NULL,
    consultant_id text        NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL,
    note          text        NULL,
    booked_at     timestamptz NOT NULL,
    booked_by     text        NOT NULL,
    cancelled_at  timestamptz NULL,
    cancelled_by  text        NULL,
    PRIMARY KEY (group_id, booking_id),
    CHECK (ends_at > starts_at)
);
CREATE INDEX IF NOT EXISTS ix_test_drive_bookings_car ON test_drive_bookings (group_id, vin, starts_at) WHERE cancelled_at IS NULL;
CREATE INDEX IF NOT EXISTS ix_test_drive_bookings_store ON test_drive_bookings (store_id, starts_at, booking_id);
