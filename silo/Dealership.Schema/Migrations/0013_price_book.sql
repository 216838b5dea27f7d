-- The store's books for deals: the price of each specification (list, guide, OEM invoice cost) and each model's OEM rebate
-- per month, kept by the sales manager. A deal takes its list price, vehicle cost and expected rebate from here, never from
-- the request. Keys are case-insensitive, as deals match specifications; every change is also in the audit trail.
CREATE TABLE IF NOT EXISTS price_book
(
    store_id    text        NOT NULL,
    model_key   text        NOT NULL,
    trim_key    text        NOT NULL,
    colour_key  text        NOT NULL,
    model       text        NOT NULL,
    trim        text        NOT NULL,
    colour      text        NOT NULL,
    list_price  numeric     NOT NULL,
    guide_price numeric     NOT NULL,
    cost        numeric     NOT NULL,
    updated_at  timestamptz NOT NULL,
    updated_by  text        NOT NULL,
    PRIMARY KEY (store_id, model_key, trim_key, colour_key)
);

CREATE TABLE IF NOT EXISTS rebate_policies
(
    store_id   text        NOT NULL,
    model_key  text        NOT NULL,
    month      text        NOT NULL,
    model      text        NOT NULL,
    per_unit   numeric     NOT NULL,
    updated_at timestamptz NOT NULL,
    updated_by text        NOT NULL,
    PRIMARY KEY (store_id, model_key, month)
);
CREATE INDEX IF NOT EXISTS ix_rebate_policies_month ON rebate_policies (store_id, month, model_key);
