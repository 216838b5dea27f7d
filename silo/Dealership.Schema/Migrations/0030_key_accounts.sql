-- Key accounts (大客户): company customers a store sells fleets to, with their unified social credit code (统一社会信用代码),
-- whether they take special VAT invoices (增值税专用发票), their contacts, trading terms (agreed prices by model and trim, payment
-- days) and credit limit (确定新设客户的交易条件；客户的信用管理). Each change is in the audit trail with who and when.
CREATE TABLE IF NOT EXISTS key_accounts
(
    group_id            text        NOT NULL,
    store_id            text        NOT NULL,
    account_id          text        NOT NULL,
    name                text        NOT NULL,
    credit_code         text        NOT NULL,
    special_vat_invoice boolean     NOT NULL,
    address             text        NOT NULL,
    payment_days        integer     NOT NULL,
    credit_limit        numeric     NOT NULL,
    contacts            jsonb       NOT NULL,
    opened_at           timestamptz NOT NULL,
    opened_by           text        NOT NULL,
    updated_at          timestamptz NOT NULL,
    updated_by          text        NOT NULL,
    revision            integer     NOT NULL,
    PRIMARY KEY (store_id, account_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_key_accounts_credit_code ON key_accounts (store_id, credit_code);
CREATE INDEX IF NOT EXISTS ix_key_accounts_name ON key_accounts (store_id, name, account_id);

-- The account's agreed prices (a price source like the price book): replaced whole with the terms.
CREATE TABLE IF NOT EXISTS key_account_prices
(
    store_id   text    NOT NULL,
    account_id text    NOT NULL,
    model      text    NOT NULL,
    trim       text    NOT NULL,
    price      numeric NOT NULL,
    PRIMARY KEY (store_id, account_id, model, trim)
);
