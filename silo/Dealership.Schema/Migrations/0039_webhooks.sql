-- Partners' webhooks: the outbox of events (written with the change that causes them), each store's event counter, the
-- subscriptions' list and their numbered deliveries.
CREATE TABLE IF NOT EXISTS store_event_sequences
(
    store_id text   NOT NULL PRIMARY KEY,
    group_id text   NOT NULL,
    last_seq bigint NOT NULL
);
COMMENT ON TABLE store_event_sequences IS 'Each store''s last partner event number; its row is locked by the transaction that takes a number, so a store''s events commit in number order.';

CREATE TABLE IF NOT EXISTS partner_events
(
    group_id    text        NOT NULL,
    store_id    text        NOT NULL,
    seq         bigint      NOT NULL,
    event_id    uuid        NOT NULL UNIQUE,
    type        text        NOT NULL,
    subject     text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    data        jsonb       NOT NULL,
    personal    jsonb       NULL,
    PRIMARY KEY (store_id, seq)
);
CREATE INDEX IF NOT EXISTS partner_events_age ON partner_events (occurred_at);
COMMENT ON TABLE partner_events IS 'Events for partners'' webhooks (deal signed, car received...), written in the transaction of the change; kept 30 days once delivered.';

CREATE TABLE IF NOT EXISTS webhook_subscriptions
(
    group_id          text        NOT NULL,
    subscription_id   text        NOT NULL,
    url               text        NOT NULL,
    event_types       text[]      NOT NULL,
    store_ids         text[]      NOT NULL,
    whole_group       boolean     NOT NULL,
    personal_data     boolean     NOT NULL,
    status            text        NOT NULL,
    paused_reason     text        NULL,
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    client_id         text        NULL,
    last_number       bigint      NOT NULL,
    delivered_through bigint      NOT NULL,
    failed_attempts   integer     NOT NULL,
    next_attempt_at   timestamptz NULL,
    last_error        text        NULL,
    secret_issued_at  timestamptz NOT NULL,
    previous_secret_until timestamptz NULL,
    PRIMARY KEY (group_id, subscription_id)
);
COMMENT ON TABLE webhook_subscriptions IS 'A group''s webhook subscriptions (the signing secret stays sealed in the subscription''s grain state), rewritten with each change.';

CREATE TABLE IF NOT EXISTS webhook_deliveries
(
    subscription_id text        NOT NULL,
    number          bigint      NOT NULL,
    group_id        text        NOT NULL,
    event_id        uuid        NOT NULL,
    store_id        text        NOT NULL,
    seq             bigint      NOT NULL,
    type            text        NOT NULL,
    occurred_at     timestamptz NOT NULL,
    status          text        NOT NULL,
    attempts        integer     NOT NULL,
    last_attempt_at timestamptz NULL,
    last_status     integer     NULL,
    last_error      text        NULL,
    delivered_at    timestamptz NULL,
    PRIMARY KEY (subscription_id, number)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_event ON webhook_deliveries (event_id);
CREATE INDEX IF NOT EXISTS webhook_deliveries_delivered ON webhook_deliveries (delivered_at) WHERE status = 'Delivered';
COMMENT ON TABLE webhook_deliveries IS 'Each event delivered (or to deliver) to a subscription, numbered without gaps per subscription; kept 30 days once delivered.';
