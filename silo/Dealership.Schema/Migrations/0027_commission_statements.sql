-- The month's commission statements (定酬): the sales manager adjusts a line only with a reason and submits the month; the general
-- manager approves it, which keeps every consultant's statement as it was approved and locks the month. A sale unwound after its
-- month was locked is charged back in the month of the unwind, at what its kept line paid.

CREATE TABLE IF NOT EXISTS commission_months
(
    group_id        text        NOT NULL,
    store_id        text        NOT NULL,
    month           date        NOT NULL,
    status          text        NOT NULL,
    submitted_at    timestamptz,
    submitted_by    text,
    approved_at     timestamptz,
    approved_by     text,
    returned_at     timestamptz,
    returned_by     text,
    returned_reason text,
    PRIMARY KEY (store_id, month)
);

-- Every adjustment is kept; the latest for a deal is the one that counts.
CREATE TABLE IF NOT EXISTS commission_adjustments
(
    group_id      text        NOT NULL,
    store_id      text        NOT NULL,
    month         date        NOT NULL,
    deal_id       text        NOT NULL,
    consultant_id text        NOT NULL,
    amount        numeric     NOT NULL,
    reason        text        NOT NULL,
    adjusted_at   timestamptz NOT NULL,
    adjusted_by   text        NOT NULL,
    PRIMARY KEY (store_id, month, deal_id, adjusted_at)
);

-- A consultant's statement as the general manager approved it.
CREATE TABLE IF NOT EXISTS commission_statements
(
    group_id      text    NOT NULL,
    store_id      text    NOT NULL,
    month         date    NOT NULL,
    consultant_id text    NOT NULL,
    total         numeric NOT NULL,
    statement     jsonb   NOT NULL,
    PRIMARY KEY (store_id, month, consultant_id)
);

-- What each sale's line paid in a locked month (after adjustment and multiplier): what a later unwind charges back.
CREATE TABLE IF NOT EXISTS commission_paid_lines
(
    group_id      text    NOT NULL,
    store_id      text    NOT NULL,
    deal_id       text    NOT NULL,
    month         date    NOT NULL,
    consultant_id text    NOT NULL,
    paid          numeric NOT NULL,
    PRIMARY KEY (store_id, deal_id)
);
