-- Imported staff sign in first with a one-time code: the staff list shows who has not set a password yet.
ALTER TABLE staff_members ADD COLUMN IF NOT EXISTS awaiting_password boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN staff_members.awaiting_password IS 'The member has no password of their own yet (imported) and signs in with a one-time code.';
