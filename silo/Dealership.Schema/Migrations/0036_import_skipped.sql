-- A price file names parts the store may not stock: such rows are good but change nothing, counted apart.
ALTER TABLE imports ADD COLUMN IF NOT EXISTS skipped integer NOT NULL DEFAULT 0;
