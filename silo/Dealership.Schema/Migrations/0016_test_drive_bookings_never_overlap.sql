-- Two live bookings of one car never overlap, whatever writes them: the car's grain checks first and answers with the booking
-- in the way; this constraint holds even if two activations of the car ever ran at once (a silo failing over).
CREATE EXTENSION IF NOT EXISTS btree_gist;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'test_drive_bookings_no_overlap') THEN
        ALTER TABLE test_drive_bookings ADD CONSTRAINT test_drive_bookings_no_overlap
            EXCLUDE USING gist (group_id WITH =, vin WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (cancelled_at IS NULL);
    END IF;
END $$;
