-- Customer events (组织客户座谈会、商品展示活动): each event with its date, budget and target models; its invitation list (chosen by
-- filters within the consent rules), each invitation's outcome and the check-in that logged the customer's visit with the event as
-- its source. The event's results are SQL over the invitations and the deals and test drives of the customers who came.
CREATE TABLE IF NOT EXISTS customer_events
(
    group_id       text          NOT NULL,
    store_id       text          NOT NULL,
    event_id       text          NOT NULL,
    kind           text          NOT NULL,
    name           text          NOT NULL,
    starts_at      timestamptz   NOT NULL,
    ends_at        timestamptz   NOT NULL,
    budget         numeric(12,2) NOT NULL,
    target_models  text[]        NOT NULL,
    created_at     timestamptz   NOT NULL,
    created_by     text          NOT NULL,
    PRIMARY KEY (store_id, event_id)
);
CREATE INDEX IF NOT EXISTS ix_customer_events_starts ON customer_events (store_id, starts_at DESC, event_id);

CREATE TABLE IF NOT EXISTS event_invitations
(
    group_id        text        NOT NULL,
    store_id        text        NOT NULL,
    event_id        text        NOT NULL,
    customer_id     text        NOT NULL,
    customer_name   text        NOT NULL,
    masked_mobile   text        NULL,
    invited_at      timestamptz NOT NULL,
    invited_by      text        NOT NULL,
    outcome         text        NULL,
    outcome_at      timestamptz NULL,
    outcome_by      text        NULL,
    checked_in_at   timestamptz NULL,
    checked_in_by   text        NULL,
    entry_id        text        NULL,
    PRIMARY KEY (store_id, event_id, customer_id)
);
