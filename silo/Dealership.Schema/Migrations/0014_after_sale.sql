-- After a delivery: the outcome of each follow-up call (one per call task; an unreachable customer gets a new task), and the
-- complaints an unhappy outcome opens, tracked by the sales manager to closure. Each complaint's steps are in the audit trail.
CREATE TABLE IF NOT EXISTS follow_up_calls
(
    store_id     text        NOT NULL,
    task_id      text        NOT NULL,
    deal_id      text        NOT NULL,
    customer_id  text        NOT NULL,
    attempt      integer     NOT NULL,
    at           timestamptz NOT NULL,
    by           text        NOT NULL,
    outcome      text        NOT NULL,
    reason       text        NULL,
    note         text        NULL,
    complaint_id text        NULL,
    PRIMARY KEY (store_id, task_id)
);
CREATE INDEX IF NOT EXISTS ix_follow_up_calls_deal ON follow_up_calls (store_id, deal_id, at);

CREATE TABLE IF NOT EXISTS complaints
(
    group_id      text        NOT NULL,
    store_id      text        NOT NULL,
    complaint_id  text        NOT NULL,
    deal_id       text        NOT NULL,
    customer_id   text        NOT NULL,
    customer_name text        NOT NULL,
    vin           text        NOT NULL,
    consultant_id text        NOT NULL,
    reason        text        NOT NULL,
    source        text        NOT NULL,
    status        text        NOT NULL,
    opened_at     timestamptz NOT NULL,
    opened_by     text        NOT NULL,
    resolution    text        NULL,
    closed_at     timestamptz NULL,
    closed_by     text        NULL,
    revision      integer     NOT NULL,
    PRIMARY KEY (store_id, complaint_id)
);
CREATE INDEX IF NOT EXISTS ix_complaints_status ON complaints (store_id, status, opened_at DESC, complaint_id);
CREATE INDEX IF NOT EXISTS ix_complaints_opened ON complaints (store_id, opened_at DESC, complaint_id);
