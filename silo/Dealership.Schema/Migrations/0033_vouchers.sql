-- Accounting vouchers (会计凭证). The sales invoices a store issues become rows (a vehicle sale's invoice and its credit note,
-- a repair order's invoice), written in the same transaction as the deal or the repair order, so a day's vouchers are built
-- from records that never change. Invoices issued before this release stay in their deal's or repair order's state only:
-- vouchers begin on the day the release is installed.
CREATE TABLE IF NOT EXISTS sales_invoices
(
    group_id      text          NOT NULL,
    store_id      text          NOT NULL,
    number        text          NOT NULL,
    kind          text          NOT NULL,
    source_id     text          NOT NULL,
    at            timestamptz   NOT NULL,
    local_date    date          NOT NULL,
    by            text          NOT NULL,
    customer_name text          NOT NULL,
    amount        numeric(14,2) NOT NULL,
    vat           numeric(14,2) NOT NULL,
    lines         jsonb         NOT NULL,
    cost          numeric(14,2) NOT NULL,
    PRIMARY KEY (store_id, number)
);
CREATE INDEX IF NOT EXISTS ix_sales_invoices_day ON sales_invoices (store_id, at);
COMMENT ON TABLE sales_invoices IS 'Sales invoices the store issued: a car''s (with its accessories), its credit note when a sale is unwound, and each repair order''s; amount and VAT, the lines (JSON), and the vehicle cost booked against a car''s.';

-- How a repair order was paid at handover (Cash, Card, WeChatPay, Alipay, BankTransfer or Warranty): a voucher debits cash,
-- the bank or the OEM's warranty claims by it.
ALTER TABLE repair_orders ADD COLUMN IF NOT EXISTS paid_with text NULL;

-- Each store's chart of accounts for its vouchers (the product's account names → the store's codes and names), the columns of
-- its voucher file in the order its finance software imports them, and its voucher word (记, 转...).
CREATE TABLE IF NOT EXISTS voucher_settings
(
    group_id     text        NOT NULL,
    store_id     text        NOT NULL PRIMARY KEY,
    accounts     jsonb       NOT NULL,
    columns      text[]      NOT NULL,
    voucher_word text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   text        NOT NULL
);
COMMENT ON TABLE voucher_settings IS 'The store''s mapping of the product''s accounts to its chart of accounts, the column order of its voucher file and its voucher word.';

-- A day finance has closed: its vouchers were kept as they stood (voucher_lines) and export the same from then on.
CREATE TABLE IF NOT EXISTS voucher_days
(
    group_id  text          NOT NULL,
    store_id  text          NOT NULL,
    day       date          NOT NULL,
    closed_at timestamptz   NOT NULL,
    closed_by text          NOT NULL,
    vouchers  integer       NOT NULL,
    debit     numeric(16,2) NOT NULL,
    credit    numeric(16,2) NOT NULL,
    PRIMARY KEY (store_id, day)
);
COMMENT ON TABLE voucher_days IS 'Days finance closed, with who and when, the number of vouchers and their debit and credit totals.';

CREATE TABLE IF NOT EXISTS voucher_lines
(
    store_id     text          NOT NULL,
    day          date          NOT NULL,
    voucher      integer       NOT NULL,
    entry        integer       NOT NULL,
    summary      text          NOT NULL,
    source       text          NOT NULL,
    account      text          NOT NULL,
    code         text          NOT NULL,
    name         text          NOT NULL,
    debit        numeric(14,2) NOT NULL,
    credit       numeric(14,2) NOT NULL,
    auxiliary    text          NULL,
    PRIMARY KEY (store_id, day, voucher, entry)
);
COMMENT ON TABLE voucher_lines IS 'The vouchers of closed days as they were closed: voucher number (within the month), entry, summary, account code and name, debit, credit, auxiliary item.';
