-- The showroom register, the customers' contact logs, their list rows and the sales facts become rows, written with the
-- state change that makes them. The traffic-log, prospect-index and sales-numbers blobs go.

-- Which group a store belongs to, read from the store's own state (used to label migrated rows).
CREATE OR REPLACE FUNCTION dealership_store_group(p_store text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT payload->>'GroupId' FROM grain_state WHERE state_name = 'dealership' AND grain_key = 'store/' || p_store LIMIT 1
$$;

CREATE TABLE IF NOT EXISTS register_entries
(
    group_id          text        NOT NULL,
    store_id          text        NOT NULL,
    local_date        date        NOT NULL,
    number            integer     NOT NULL,
    entry_id          text        NOT NULL,
    at                timestamptz NOT NULL,
    kind              text        NOT NULL,
    source            text        NOT NULL,
    customer_id       text        NULL,
    customer_name     text        NULL,
    masked_mobile     text        NULL,
    model_of_interest text        NULL,
    party_size        integer     NOT NULL,
    consultant_id     text        NULL,
    first_visit       boolean     NOT NULL,
    prospect_opened   boolean     NOT NULL,
    logged_by         text        NOT NULL,
    PRIMARY KEY (store_id, entry_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_register_entries_day ON register_entries (store_id, local_date, number);

CREATE TABLE IF NOT EXISTS customers
(
    group_id           text        NOT NULL,
    store_id           text        NOT NULL,
    customer_id        text        NOT NULL,
    name               text        NOT NULL,
    masked_mobile      text        NOT NULL,
    first_seen_at      timestamptz NOT NULL,
    visits             integer     NOT NULL,
    calls              integer     NOT NULL,
    consultant_id      text        NULL,
    grade              text        NULL,
    prospect_status    text        NULL,
    model_of_interest  text        NULL,
    next_follow_up_due timestamptz NULL,
    updated_at         timestamptz NOT NULL,
    revision           integer     NOT NULL,
    PRIMARY KEY (store_id, customer_id)
);
CREATE INDEX IF NOT EXISTS ix_customers_prospects ON customers (store_id, (coalesce(next_follow_up_due, 'infinity'::timestamptz)), customer_id)
    WHERE prospect_status IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_customers_consultant ON customers (store_id, consultant_id, prospect_status);
CREATE INDEX IF NOT EXISTS ix_customers_newest ON customers (store_id, first_seen_at DESC, customer_id DESC);

CREATE TABLE IF NOT EXISTS customer_contacts
(
    store_id    text        NOT NULL,
    customer_id text        NOT NULL,
    number      integer     NOT NULL,
    at          timestamptz NOT NULL,
    by          text        NOT NULL,
    channel     text        NOT NULL,
    note        text        NOT NULL,
    grade       text        NOT NULL,
    entry_id    text        NULL,
    PRIMARY KEY (store_id, customer_id, number)
);

CREATE TABLE IF NOT EXISTS sales_facts
(
    group_id         text        NOT NULL,
    store_id         text        NOT NULL,
    kind             text        NOT NULL,
    fact_id          text        NOT NULL,
    local_date       date        NOT NULL,
    consultant_id    text        NULL,
    gross_profit     numeric     NOT NULL,
    with_accessories boolean     NOT NULL,
    with_insurance   boolean     NOT NULL,
    with_finance     boolean     NOT NULL,
    spec             text        NULL,
    at               timestamptz NOT NULL,
    PRIMARY KEY (store_id, kind, fact_id)
);
CREATE INDEX IF NOT EXISTS ix_sales_facts_day ON sales_facts (store_id, local_date);

-- Release 7's enums, stored as numbers.
CREATE OR REPLACE FUNCTION dealership_enum(p_names text[], p_value jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN p_value IS NULL OR jsonb_typeof(p_value) = 'null' THEN NULL ELSE p_names[(p_value #>> '{}')::int] END
$$;

-- The register of every day, from the traffic-log blobs.
INSERT INTO register_entries (group_id, store_id, local_date, number, entry_id, at, kind, source, customer_id, customer_name, masked_mobile,
                              model_of_interest, party_size, consultant_id, first_visit, prospect_opened, logged_by)
SELECT dealership_store_group(split_part(g.grain_key, '/', 1)), split_part(g.grain_key, '/', 1),
       substring(split_part(g.grain_key, '/', 2) FROM 9)::date, substring(e->>'EntryId' FROM 11)::int, e->>'EntryId',
       (e->>'At')::timestamptz, dealership_enum(ARRAY['Visit', 'Call'], e->'Kind'),
       dealership_enum(ARRAY['WalkIn', 'Phone', 'OnlineLead', 'Referral', 'Event'], e->'Source'),
       e->>'CustomerId', e->>'CustomerName', e->>'MaskedMobile', e->>'ModelOfInterest', (e->>'PartySize')::int, e->>'ConsultantId',
       (e->>'FirstVisit')::boolean, (e->>'ProspectOpened')::boolean, e->>'LoggedBy'
  FROM grain_state g, jsonb_array_elements(g.payload->'Entries') e
 WHERE g.state_name = 'traffic-log' AND jsonb_typeof(g.payload->'Entries') = 'array'
ON CONFLICT DO NOTHING;

INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at)
SELECT split_part(g.grain_key, '/', 1), o->>'Id', o->>'Fingerprint', (o->>'ResultJson')::jsonb, g.state_name, (o->>'At')::timestamptz
  FROM grain_state g, jsonb_array_elements(g.payload->'Operations'->'Items') o
 WHERE g.state_name IN ('traffic-log', 'customer') AND jsonb_typeof(g.payload->'Operations'->'Items') = 'array'
   AND (o->>'At')::timestamptz > now() - interval '24 hours'
ON CONFLICT DO NOTHING;

-- Each customer's contact log, numbered in its order; the register entry a contact came from is named in its note.
INSERT INTO customer_contacts (store_id, customer_id, number, at, by, channel, note, grade, entry_id)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), f.n::int, (f.e->>'At')::timestamptz, f.e->>'By', f.e->>'Channel',
       f.e->>'Note', dealership_enum(ARRAY['H', 'A', 'B', 'C'], f.e->'Grade'), substring(f.e->>'Note' FROM '\((tf[0-9]+)\)')
  FROM grain_state g, jsonb_array_elements(g.payload->'Prospect'->'FollowUps') WITH ORDINALITY AS f(e, n)
 WHERE g.state_name = 'customer' AND jsonb_typeof(g.payload->'Prospect'->'FollowUps') = 'array'
ON CONFLICT DO NOTHING;

INSERT INTO customers (group_id, store_id, customer_id, name, masked_mobile, first_seen_at, visits, calls, consultant_id, grade, prospect_status,
                       model_of_interest, next_follow_up_due, updated_at, revision)
SELECT dealership_store_group(split_part(g.grain_key, '/', 1)), split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2),
       g.payload->>'Name',
       CASE WHEN length(g.payload->>'Mobile') = 11 THEN left(g.payload->>'Mobile', 3) || '****' || right(g.payload->>'Mobile', 4) ELSE '****' END,
       (g.payload->>'FirstSeenAt')::timestamptz, (g.payload->>'Visits')::int, (g.payload->>'Calls')::int,
       g.payload->'Prospect'->>'ConsultantId', dealership_enum(ARRAY['H', 'A', 'B', 'C'], g.payload->'Prospect'->'Grade'),
       dealership_enum(ARRAY['Active', 'LostPending', 'Lost', 'Won'], g.payload->'Prospect'->'Status'),
       g.payload->'Prospect'->>'ModelOfInterest', (g.payload->'Prospect'->>'NextFollowUpDue')::timestamptz, g.modified_at,
       (g.payload->>'Revision')::int
  FROM grain_state g
 WHERE g.state_name = 'customer' AND g.payload->>'Name' IS NOT NULL
ON CONFLICT DO NOTHING;

-- The card keeps its latest 20 follow-ups (the log holds them all) and counts the log.
UPDATE grain_state g
   SET payload = jsonb_set(g.payload - 'Operations', '{ContactCount}',
                           to_jsonb(coalesce(jsonb_array_length(g.payload->'Prospect'->'FollowUps'), 0)))
               || CASE WHEN jsonb_typeof(g.payload->'Prospect'->'FollowUps') = 'array' THEN
                      jsonb_build_object('Prospect', jsonb_set(g.payload->'Prospect', '{FollowUps}',
                          (SELECT coalesce(jsonb_agg(f.e ORDER BY f.n), '[]'::jsonb)
                             FROM jsonb_array_elements(g.payload->'Prospect'->'FollowUps') WITH ORDINALITY AS f(e, n)
                            WHERE f.n > jsonb_array_length(g.payload->'Prospect'->'FollowUps') - 20)))
                  ELSE '{}'::jsonb END,
       version = g.version + 1, modified_at = now()
 WHERE g.state_name = 'customer' AND g.payload->>'Name' IS NOT NULL;

-- Release 7 kept the month's counts per day and consultant, not the facts behind them: each count becomes that many facts
-- (ids "release7/…"), the day's gross profit on its first retail sale, the month's models spread over its retail sales.
WITH tallies AS (
    SELECT split_part(g.grain_key, '/', 1) AS store_id, left(d.key, 10)::date AS local_date, nullif(substring(d.key FROM 12), '') AS consultant_id,
           d.value AS tally, g.grain_key, g.payload
      FROM grain_state g, jsonb_each(g.payload->'Days') d
     WHERE g.state_name = 'sales-numbers' AND jsonb_typeof(g.payload->'Days') = 'object'
), kinds (field, kind) AS (
    VALUES ('Visits', 'Visit'), ('Calls', 'Call'), ('FirstVisits', 'FirstVisit'), ('Records', 'ProspectCardOpened'), ('TestDrives', 'TestDrive'),
           ('Orders', 'Order'), ('RetailSales', 'RetailSale'), ('Deliveries', 'Delivery'), ('OrdersCancelled', 'OrderCancelled')
), facts AS (
    SELECT t.store_id, t.local_date, t.consultant_id, t.grain_key, k.kind, i,
           CASE WHEN k.kind = 'RetailSale' AND i = 1 THEN (t.tally->>'GrossProfit')::numeric ELSE 0 END AS gross_profit,
           k.kind = 'RetailSale' AND i <= (t.tally->>'WithAccessories')::int AS with_accessories,
           k.kind = 'RetailSale' AND i <= (t.tally->>'WithInsurance')::int AS with_insurance,
           k.kind = 'RetailSale' AND i <= (t.tally->>'WithFinance')::int AS with_finance,
           row_number() OVER (PARTITION BY t.grain_key, k.kind ORDER BY t.local_date, t.consultant_id, i) AS month_number
      FROM tallies t CROSS JOIN kinds k CROSS JOIN LATERAL generate_series(1, coalesce((t.tally->>k.field)::int, 0)) AS i
), specs AS (
    SELECT g.grain_key, s.key AS spec, row_number() OVER (PARTITION BY g.grain_key ORDER BY s.key, n) AS month_number
      FROM grain_state g, jsonb_each(g.payload->'RetailBySpec') s, generate_series(1, (s.value #>> '{}')::int) AS n
     WHERE g.state_name = 'sales-numbers' AND jsonb_typeof(g.payload->'RetailBySpec') = 'object'
)
INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, with_finance,
                         spec, at)
SELECT dealership_store_group(f.store_id), f.store_id, f.kind,
       'release7/' || f.local_date || '/' || coalesce(f.consultant_id, '-') || '/' || f.i, f.local_date, f.consultant_id, f.gross_profit,
       f.with_accessories, f.with_insurance, f.with_finance, s.spec, f.local_date::timestamptz
  FROM facts f
  LEFT JOIN specs s ON f.kind = 'RetailSale' AND s.grain_key = f.grain_key AND s.month_number = f.month_number
ON CONFLICT DO NOTHING;

DELETE FROM grain_state WHERE state_name IN ('traffic-log', 'prospect-index', 'sales-numbers');
