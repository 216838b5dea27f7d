-- Onboarding imports. A store brings its suppliers and parts (later its staff, customers and stock) from spreadsheets: each run
-- of an import is a row (who, when, which file by its SHA-256, what it did), and each bad row the run found is a row of its
-- report, so a dry run of 30,000 rows can report every bad one without holding them in memory.
CREATE TABLE IF NOT EXISTS imports
(
    group_id     text        NOT NULL,
    store_id     text        NOT NULL,
    import_id    text        NOT NULL,
    kind         text        NOT NULL,
    file_name    text        NOT NULL,
    file_hash    text        NOT NULL,
    file_bytes   bigint      NOT NULL,
    dry_run      boolean     NOT NULL,
    all_or_none  boolean     NOT NULL,
    status       text        NOT NULL,
    by           text        NOT NULL,
    started_at   timestamptz NOT NULL,
    finished_at  timestamptz NULL,
    rows_read    integer     NOT NULL DEFAULT 0,
    rows_bad     integer     NOT NULL DEFAULT 0,
    added        integer     NOT NULL DEFAULT 0,
    updated      integer     NOT NULL DEFAULT 0,
    unchanged    integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (store_id, import_id)
);
CREATE INDEX IF NOT EXISTS ix_imports_started ON imports (store_id, started_at DESC);
COMMENT ON TABLE imports IS 'Each import run of a spreadsheet into the store (suppliers, parts...): who ran it and when, the file''s name, size and SHA-256, whether it was a dry run or all-or-none, and how many rows it read, found bad, added, updated and left unchanged.';

CREATE TABLE IF NOT EXISTS import_problems
(
    store_id  text    NOT NULL,
    import_id text    NOT NULL,
    row       integer NOT NULL,
    seq       integer NOT NULL,
    column_name text  NOT NULL,
    code      text    NOT NULL,
    message   text    NOT NULL,
    PRIMARY KEY (store_id, import_id, row, seq)
);
COMMENT ON TABLE import_problems IS 'The bad rows an import run found: the file''s row number (the header is row 1), the column, a code and the reason.';

-- The store's suppliers (供应商): who parts are bought from. A part names its supplier by name, as purchase orders and the
-- supplier's account do; an imported part must name a supplier the store knows. Suppliers the store already buys from (named
-- on its parts, orders or accounts) are brought in as they are.
CREATE TABLE IF NOT EXISTS suppliers
(
    group_id        text        NOT NULL,
    store_id        text        NOT NULL,
    name            text        NOT NULL,
    contact         text        NULL,
    phone           text        NULL,
    tax_number      text        NULL,
    address         text        NULL,
    lead_time_days  integer     NULL,
    payment_days    integer     NULL,
    updated_at      timestamptz NOT NULL,
    updated_by      text        NOT NULL,
    PRIMARY KEY (store_id, name)
);
COMMENT ON TABLE suppliers IS 'The store''s suppliers: name (as parts and purchase orders name them), contact, phone, tax number, address, usual lead time and payment terms in days; who changed the record last and when.';

INSERT INTO suppliers (group_id, store_id, name, updated_at, updated_by)
SELECT DISTINCT group_id, store_id, supplier, now(), 'system'
  FROM parts_items WHERE supplier IS NOT NULL AND supplier <> ''
ON CONFLICT DO NOTHING;
INSERT INTO suppliers (group_id, store_id, name, updated_at, updated_by)
SELECT DISTINCT group_id, store_id, supplier, now(), 'system' FROM purchase_orders
ON CONFLICT DO NOTHING;
