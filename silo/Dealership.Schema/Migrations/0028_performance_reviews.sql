-- Performance reviews (定期进行绩效评估): the sales manager's rating and comments on a consultant's month or quarter, kept with the
-- scorecard's figures as they stood when reviewed, who reviewed when, and the consultant's acknowledgement.
CREATE TABLE IF NOT EXISTS performance_reviews
(
    group_id           text        NOT NULL,
    store_id           text        NOT NULL,
    consultant_id      text        NOT NULL,
    period             text        NOT NULL,
    rating             integer     NOT NULL,
    comments           text        NOT NULL,
    figures            jsonb       NOT NULL,
    reviewed_at        timestamptz NOT NULL,
    reviewed_by        text        NOT NULL,
    acknowledged_at    timestamptz NULL,
    acknowledged_by    text        NULL,
    consultant_comment text        NULL,
    PRIMARY KEY (store_id, consultant_id, period)
);
CREATE INDEX IF NOT EXISTS ix_customer_contacts_at ON customer_contacts (store_id, at);
