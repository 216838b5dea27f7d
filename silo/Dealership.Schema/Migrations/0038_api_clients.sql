-- Partner systems' API clients: the group's list of them (the secret's hash stays in the client's grain state, never here).
CREATE TABLE IF NOT EXISTS api_clients
(
    group_id              text        NOT NULL,
    client_id             text        NOT NULL,
    name                  text        NOT NULL,
    role                  text        NOT NULL,
    store_ids             text[]      NOT NULL,
    whole_group           boolean     NOT NULL,
    scopes                text[]      NOT NULL,
    created_at            timestamptz NOT NULL,
    created_by            text        NOT NULL,
    secret_issued_at      timestamptz NOT NULL,
    previous_secret_until timestamptz NULL,
    last_token_at         timestamptz NULL,
    revoked_at            timestamptz NULL,
    revoked_by            text        NULL,
    revision              integer     NOT NULL,
    PRIMARY KEY (group_id, client_id)
);
COMMENT ON TABLE api_clients IS 'A group''s API clients (partner systems): role, stores and scopes; rewritten with every change of the client.';
