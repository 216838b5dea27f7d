-- Fleet orders and receivables of key accounts (大客户): one contract for many cars, a deal per car under it; what each account
-- owes, entry by entry (帐款回收). A deal sold on account writes its invoice (or credit note) here in the same transaction as the
-- deal; the cashier's payments on account are rows too. Ageing and the credit check are SQL over these rows.
CREATE TABLE IF NOT EXISTS fleet_orders
(
    group_id        text        NOT NULL,
    store_id        text        NOT NULL,
    order_id        text        NOT NULL,
    account_id      text        NOT NULL,
    cars            integer     NOT NULL,
    value           numeric     NOT NULL,
    placed_at       timestamptz NOT NULL,
    placed_by       text        NOT NULL,
    credit_approval text        NULL,
    PRIMARY KEY (store_id, order_id)
);
CREATE INDEX IF NOT EXISTS ix_fleet_orders_account ON fleet_orders (store_id, account_id, placed_at DESC, order_id);
CREATE INDEX IF NOT EXISTS ix_fleet_orders_placed ON fleet_orders (store_id, placed_at DESC, order_id);

-- The deals of a fleet order, in the order's sequence (car 1, car 2, ...).
CREATE TABLE IF NOT EXISTS fleet_order_deals
(
    store_id text    NOT NULL,
    order_id text    NOT NULL,
    car      integer NOT NULL,
    deal_id  text    NOT NULL,
    PRIMARY KEY (store_id, order_id, car)
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_fleet_order_deals_deal ON fleet_order_deals (store_id, deal_id);

-- Each batch run on an order (allocation, invoicing, handover booking, delivery): what was done and what was refused, by whom.
CREATE TABLE IF NOT EXISTS fleet_order_batches
(
    store_id text        NOT NULL,
    order_id text        NOT NULL,
    number   integer     NOT NULL,
    step     text        NOT NULL,
    at       timestamptz NOT NULL,
    by       text        NOT NULL,
    done     jsonb       NOT NULL,
    refused  jsonb       NOT NULL,
    PRIMARY KEY (store_id, order_id, number)
);

-- The account's ledger: invoices (+), payments and credit notes (−). entry_id is the document number (invoice, credit note) or
-- the payment's number; a retried write finds its row there.
CREATE TABLE IF NOT EXISTS account_ledger
(
    group_id   text        NOT NULL,
    store_id   text        NOT NULL,
    account_id text        NOT NULL,
    entry_id   text        NOT NULL,
    at         timestamptz NOT NULL,
    by         text        NOT NULL,
    kind       text        NOT NULL,
    deal_id    text        NULL,
    amount     numeric     NOT NULL,
    booked_on  date        NOT NULL,
    due_on     date        NULL,
    reference  text        NULL,
    PRIMARY KEY (store_id, account_id, entry_id)
);
CREATE INDEX IF NOT EXISTS ix_account_ledger_at ON account_ledger (store_id, account_id, at DESC, entry_id);
