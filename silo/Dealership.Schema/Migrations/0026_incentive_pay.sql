-- Consultants' pay (DOMAIN: 依据市场的不同情况，适时、合理、精确地调整销售及奖励政策; 销售目标与定酬设订): what each retail sale earned
-- the store besides the car (accessories' margin, insurance and finance commission), kept with the sale's fact so a pay plan
-- can share it; and each store's incentive plan versions, each in force from its day.

ALTER TABLE sales_facts ADD COLUMN IF NOT EXISTS accessory_income numeric NOT NULL DEFAULT 0;
ALTER TABLE sales_facts ADD COLUMN IF NOT EXISTS insurance_income numeric NOT NULL DEFAULT 0;
ALTER TABLE sales_facts ADD COLUMN IF NOT EXISTS finance_income numeric NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS incentive_plans
(
    group_id       text        NOT NULL,
    store_id       text        NOT NULL,
    effective_from date        NOT NULL,
    plan           jsonb       NOT NULL,
    set_at         timestamptz NOT NULL,
    set_by         text        NOT NULL,
    PRIMARY KEY (store_id, effective_from)
);
