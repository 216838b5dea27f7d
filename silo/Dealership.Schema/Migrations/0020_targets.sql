-- Targets (DOMAIN workflow 9): each store's year as group HQ set it (month 0), its months and their consultants as the sales
-- manager split them, rewritten with every change of the plan; and each store's latest summary for its group's rollup.
CREATE TABLE IF NOT EXISTS sales_targets
(
    group_id      text           NOT NULL,
    store_id      text           NOT NULL,
    year          integer        NOT NULL,
    month         integer        NOT NULL,
    consultant_id text           NOT NULL,
    units         integer        NOT NULL,
    gross_profit  numeric(16, 2) NOT NULL,
    PRIMARY KEY (store_id, year, month, consultant_id)
);
CREATE INDEX IF NOT EXISTS ix_sales_targets_group ON sales_targets (group_id, year, month) WHERE consultant_id = '';

CREATE TABLE IF NOT EXISTS store_summaries
(
    group_id text        NOT NULL,
    store_id text        NOT NULL PRIMARY KEY,
    summary  jsonb       NOT NULL,
    version  bigint      NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_store_summaries_group ON store_summaries (group_id);
