-- Insurance renewals (续保): every policy the store sold (with a car, at a service visit, or renewing one of its own), and each
-- policy's renewal outcome. A policy's renewal task is not stored: it is due from 60 days before the policy expires until an
-- outcome closes it (or 30 days after expiry), and its stage (60, 30, 7 days) follows from the store's date.
CREATE TABLE IF NOT EXISTS insurance_policies
(
    group_id          text          NOT NULL,
    store_id          text          NOT NULL,
    policy_id         text          NOT NULL,
    vin               text          NULL,
    customer_id       text          NOT NULL,
    customer_name     text          NOT NULL,
    masked_mobile     text          NULL,
    model             text          NULL,
    insurer           text          NOT NULL,
    policy_number     text          NOT NULL,
    kind              text          NOT NULL,
    premium           numeric(12,2) NOT NULL,
    commission        numeric(12,2) NOT NULL,
    starts_on         date          NOT NULL,
    expires_on        date          NOT NULL,
    source            text          NOT NULL,
    deal_id           text          NULL,
    renews_policy_id  text          NULL,
    recorded_at       timestamptz   NOT NULL,
    recorded_by       text          NOT NULL,
    PRIMARY KEY (store_id, policy_id)
);
CREATE INDEX IF NOT EXISTS ix_insurance_policies_expiry ON insurance_policies (store_id, expires_on, policy_id);
CREATE INDEX IF NOT EXISTS ix_insurance_policies_number ON insurance_policies (store_id, lower(insurer), lower(policy_number));

-- One outcome closes a policy's renewal: two callers closing it at once leave one (the key refuses the second).
CREATE TABLE IF NOT EXISTS insurance_renewals
(
    group_id       text        NOT NULL,
    store_id       text        NOT NULL,
    policy_id      text        NOT NULL,
    at             timestamptz NOT NULL,
    by             text        NOT NULL,
    outcome        text        NOT NULL,
    insurer        text        NULL,
    reason         text        NULL,
    new_policy_id  text        NULL,
    PRIMARY KEY (store_id, policy_id)
);
CREATE INDEX IF NOT EXISTS ix_insurance_renewals_by ON insurance_renewals (store_id, by);
