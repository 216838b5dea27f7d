-- The group's incentive plan templates: HQ keeps one plan per name, and each store adopts one (with its local changes) as a
-- version of its own plan, which remembers the template it came from; HQ then sees which stores follow which template and where
-- they differ from it.
CREATE TABLE IF NOT EXISTS incentive_plan_templates
(
    group_id text        NOT NULL,
    name     text        NOT NULL,
    plan     jsonb       NOT NULL,
    set_at   timestamptz NOT NULL,
    set_by   text        NOT NULL,
    PRIMARY KEY (group_id, name)
);
