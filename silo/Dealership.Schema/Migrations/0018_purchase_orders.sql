-- Purchase orders (DOMAIN workflow 10): each order's list row, its lines with what is still expected (the parts review reads
-- "on order" from them), every receipt's counted lines, and the claims on suppliers for what arrived damaged or short.
CREATE TABLE IF NOT EXISTS purchase_orders
(
    store_id          text          NOT NULL,
    purchase_order_id text          NOT NULL,
    group_id          text          NOT NULL,
    supplier          text          NOT NULL,
    status            text          NOT NULL,
    lines             integer       NOT NULL,
    amount            numeric(14, 2) NOT NULL,
    created_at        timestamptz   NOT NULL,
    created_by        text          NOT NULL,
    revision          integer       NOT NULL,
    PRIMARY KEY (store_id, purchase_order_id)
);

CREATE INDEX IF NOT EXISTS ix_purchase_orders_created ON purchase_orders (store_id, created_at DESC, purchase_order_id DESC);

-- One row per order line; "outstanding" is what the supplier still owes while the order is open (0 once closed or cancelled).
CREATE TABLE IF NOT EXISTS purchase_order_lines
(
    store_id          text    NOT NULL,
    purchase_order_id text    NOT NULL,
    line              integer NOT NULL,
    part_number       text    NOT NULL,
    quantity          integer NOT NULL,
    accepted          integer NOT NULL,
    outstanding       integer NOT NULL,
    PRIMARY KEY (store_id, purchase_order_id, line)
);

CREATE INDEX IF NOT EXISTS ix_purchase_order_lines_on_order ON purchase_order_lines (store_id, part_number) INCLUDE (outstanding) WHERE outstanding > 0;

CREATE TABLE IF NOT EXISTS parts_receipt_lines
(
    store_id          text          NOT NULL,
    purchase_order_id text          NOT NULL,
    receipt           integer       NOT NULL,
    line              integer       NOT NULL,
    delivery_note     text          NOT NULL,
    received_at       timestamptz   NOT NULL,
    received_by       text          NOT NULL,
    part_number       text          NOT NULL,
    description       text          NOT NULL,
    delivered         integer       NOT NULL,
    accepted          integer       NOT NULL,
    damaged           integer       NOT NULL,
    short             integer       NOT NULL,
    unit_cost         numeric(14, 4) NOT NULL,
    PRIMARY KEY (store_id, purchase_order_id, receipt, line)
);

CREATE TABLE IF NOT EXISTS supplier_claims
(
    store_id          text          NOT NULL,
    claim_id          text          NOT NULL,
    purchase_order_id text          NOT NULL,
    receipt           integer       NOT NULL,
    supplier          text          NOT NULL,
    part_number       text          NOT NULL,
    kind              text          NOT NULL,
    quantity          integer       NOT NULL,
    unit_cost         numeric(14, 4) NOT NULL,
    amount            numeric(14, 2) NOT NULL,
    status            text          NOT NULL,
    opened_at         timestamptz   NOT NULL,
    opened_by         text          NOT NULL,
    resolved_at       timestamptz   NULL,
    resolved_by       text          NULL,
    resolution        text          NULL,
    PRIMARY KEY (store_id, claim_id)
);

CREATE INDEX IF NOT EXISTS ix_supplier_claims_opened ON supplier_claims (store_id, opened_at DESC, claim_id DESC);

-- Each supplier's account: its invoices (one per receipt), payments and credited claims, kept for good; amount is signed
-- (+ owed, − paid or credited). An entry's id is its natural key (the invoice number, the claim, the payment's operation).
CREATE TABLE IF NOT EXISTS supplier_ledger
(
    store_id          text          NOT NULL,
    supplier          text          NOT NULL,
    entry_id          text          NOT NULL,
    at                timestamptz   NOT NULL,
    by                text          NOT NULL,
    kind              text          NOT NULL,
    amount            numeric(14, 2) NOT NULL,
    reference         text          NOT NULL,
    purchase_order_id text          NULL,
    receipt           integer       NULL,
    note              text          NULL,
    PRIMARY KEY (store_id, supplier, entry_id)
);

CREATE INDEX IF NOT EXISTS ix_supplier_ledger_at ON supplier_ledger (store_id, supplier, at, entry_id);

-- A receipt is invoiced once.
CREATE UNIQUE INDEX IF NOT EXISTS ux_supplier_ledger_invoiced_receipt ON supplier_ledger (store_id, purchase_order_id, receipt) WHERE kind = 'Invoice';

-- Asks of a part the shelf could not fill (an issue, a counter sale or a hold refused for want of stock): the fill rate's misses.
CREATE TABLE IF NOT EXISTS parts_shortfalls
(
    store_id    text        NOT NULL,
    part_number text        NOT NULL,
    at          timestamptz NOT NULL,
    day         date        NOT NULL,
    asked       integer     NOT NULL,
    available   integer     NOT NULL,
    by          text        NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_parts_shortfalls_store_day ON parts_shortfalls (store_id, day);

-- A receipt line taken into stock names its source (the order, the receipt, the line): a part takes each source in once, for good.
ALTER TABLE parts_movements ADD COLUMN IF NOT EXISTS source text NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ux_parts_movements_source ON parts_movements (store_id, part_number, source) WHERE source IS NOT NULL;
