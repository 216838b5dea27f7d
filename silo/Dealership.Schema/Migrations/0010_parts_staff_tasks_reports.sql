-- Parts movements, the audit trail (store, staff, OEM orders, board tokens), the task list and the list rows of parts,
-- staff and weekly reports become rows written with their change. The parts-index, staff-index, store-tasks and
-- weekly-report-index blobs go.
CREATE TABLE IF NOT EXISTS audit_trail
(
    seq        bigserial   NOT NULL PRIMARY KEY,
    group_id   text        NOT NULL,
    store_id   text        NULL,
    subject    text        NOT NULL,
    subject_id text        NOT NULL,
    at         timestamptz NOT NULL,
    by         text        NOT NULL,
    what       text        NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_audit_trail_subject ON audit_trail (group_id, subject, subject_id, seq DESC);
CREATE INDEX IF NOT EXISTS ix_audit_trail_store ON audit_trail (store_id, seq DESC);

CREATE TABLE IF NOT EXISTS parts_items
(
    group_id    text        NOT NULL,
    store_id    text        NOT NULL,
    part_number text        NOT NULL,
    description text        NOT NULL,
    bin         text        NOT NULL,
    on_hand     integer     NOT NULL,
    revision    integer     NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (store_id, part_number)
);

CREATE TABLE IF NOT EXISTS parts_movements
(
    store_id      text        NOT NULL,
    part_number   text        NOT NULL,
    number        integer     NOT NULL,
    at            timestamptz NOT NULL,
    by            text        NOT NULL,
    quantity      integer     NOT NULL,
    reason        text        NOT NULL,
    note          text        NULL,
    on_hand_after integer     NOT NULL,
    PRIMARY KEY (store_id, part_number, number)
);

CREATE TABLE IF NOT EXISTS staff_members
(
    group_id     text        NOT NULL,
    staff_id     text        NOT NULL,
    display_name text        NOT NULL,
    role         text        NOT NULL,
    store_ids    text[]      NOT NULL,
    whole_group  boolean     NOT NULL,
    disabled     boolean     NOT NULL,
    locked_until timestamptz NULL,
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    revision     integer     NOT NULL,
    PRIMARY KEY (group_id, staff_id)
);
CREATE INDEX IF NOT EXISTS ix_staff_members_stores ON staff_members USING gin (store_ids);

CREATE TABLE IF NOT EXISTS tasks
(
    group_id    text        NOT NULL,
    store_id    text        NOT NULL,
    task_id     text        NOT NULL,
    source_id   text        NOT NULL,
    kind        text        NOT NULL,
    title       text        NOT NULL,
    assignee_id text        NULL,
    role        text        NULL,
    due         timestamptz NOT NULL,
    refs        jsonb       NOT NULL,
    status      text        NOT NULL,
    created_at  timestamptz NOT NULL,
    done_at     timestamptz NULL,
    done_by     text        NULL,
    result      text        NULL,
    PRIMARY KEY (store_id, task_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ux_tasks_source ON tasks (store_id, source_id);
CREATE INDEX IF NOT EXISTS ix_tasks_open ON tasks (store_id, status, due, task_id);

CREATE TABLE IF NOT EXISTS weekly_reports
(
    group_id     text        NOT NULL,
    store_id     text        NOT NULL,
    week         text        NOT NULL,
    deadline     timestamptz NOT NULL,
    status       text        NOT NULL,
    late         boolean     NOT NULL,
    submitted_at timestamptz NULL,
    revision     integer     NOT NULL,
    PRIMARY KEY (store_id, week)
);

-- Parts: the list rows and each part's movements (entry n is movement n).
INSERT INTO parts_items (group_id, store_id, part_number, description, bin, on_hand, revision, updated_at)
SELECT g.payload->>'GroupId', split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), g.payload->>'Description', g.payload->>'Bin',
       (g.payload->>'OnHand')::int, (g.payload->>'Revision')::int, g.modified_at
  FROM grain_state g
 WHERE g.state_name = 'parts-item' AND g.payload->>'GroupId' IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO parts_movements (store_id, part_number, number, at, by, quantity, reason, note, on_hand_after)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), m.n::int, (m.e->>'At')::timestamptz, m.e->>'By', (m.e->>'Quantity')::int,
       dealership_enum(ARRAY['Receipt', 'IssueToRepair', 'ReturnFromRepair', 'Correction'], m.e->'Reason'), m.e->>'Note', (m.e->>'OnHandAfter')::int
  FROM grain_state g, jsonb_array_elements(g.payload->'Movements') WITH ORDINALITY AS m(e, n)
 WHERE g.state_name = 'parts-item' AND jsonb_typeof(g.payload->'Movements') = 'array'
ON CONFLICT DO NOTHING;

-- Staff: the list rows and each member's changes.
INSERT INTO staff_members (group_id, staff_id, display_name, role, store_ids, whole_group, disabled, locked_until, created_at, created_by, revision)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), g.payload->>'DisplayName',
       dealership_enum(ARRAY['GeneralManager', 'SalesManager', 'SalesConsultant', 'SalesInformationClerk', 'FinanceSpecialist', 'Cashier',
                             'PartsPlanner', 'ServiceAdvisor', 'Technician', 'CustomerServiceCaller', 'GroupHq', 'Administrator'], g.payload->'Role'),
       coalesce((SELECT array_agg(s ORDER BY n) FROM jsonb_array_elements_text(g.payload->'StoreIds') WITH ORDINALITY AS x(s, n)), '{}'),
       (g.payload->>'WholeGroup')::boolean, (g.payload->>'Disabled')::boolean, (g.payload->>'LockedUntil')::timestamptz,
       (g.payload->>'CreatedAt')::timestamptz, g.payload->>'CreatedBy', (g.payload->>'Revision')::int
  FROM grain_state g
 WHERE g.state_name = 'staff' AND g.payload->>'DisplayName' IS NOT NULL
ON CONFLICT DO NOTHING;

-- The audit trail, in the order things happened: stores, staff, OEM orders.
INSERT INTO audit_trail (group_id, store_id, subject, subject_id, at, by, what)
SELECT x.group_id, x.store_id, x.subject, x.subject_id, x.at, x.by, x.what
  FROM (SELECT g.payload->>'GroupId' AS group_id, split_part(g.grain_key, '/', 2) AS store_id, 'store' AS subject,
               split_part(g.grain_key, '/', 2) AS subject_id, (h.e->>'At')::timestamptz AS at, h.e->>'By' AS by, h.e->>'What' AS what, h.n
          FROM grain_state g, jsonb_array_elements(g.payload->'History') WITH ORDINALITY AS h(e, n)
         WHERE g.state_name = 'dealership' AND jsonb_typeof(g.payload->'History') = 'array'
        UNION ALL
        SELECT split_part(g.grain_key, '/', 1), NULL, 'staff', split_part(g.grain_key, '/', 2), (h.e->>'At')::timestamptz, h.e->>'By', h.e->>'What', h.n
          FROM grain_state g, jsonb_array_elements(g.payload->'History') WITH ORDINALITY AS h(e, n)
         WHERE g.state_name = 'staff' AND jsonb_typeof(g.payload->'History') = 'array'
        UNION ALL
        SELECT dealership_store_group(split_part(g.grain_key, '/', 1)), split_part(g.grain_key, '/', 1), 'oem-order',
               g.payload->'Order'->>'Month', (h.e->>'At')::timestamptz, h.e->>'By', h.e->>'What', h.n
          FROM grain_state g, jsonb_array_elements(g.payload->'Order'->'History') WITH ORDINALITY AS h(e, n)
         WHERE g.state_name = 'oem-order' AND jsonb_typeof(g.payload->'Order'->'History') = 'array') AS x
 ORDER BY x.at, x.n;

-- Tasks, with each store's task counter where the store's numbering left off.
INSERT INTO tasks (group_id, store_id, task_id, source_id, kind, title, assignee_id, role, due, refs, status, created_at, done_at, done_by, result)
SELECT dealership_store_group(split_part(g.grain_key, '/', 2)), split_part(g.grain_key, '/', 2), t->>'TaskId', t->>'SourceId', t->>'Kind', t->>'Title',
       t->>'AssigneeId',
       dealership_enum(ARRAY['GeneralManager', 'SalesManager', 'SalesConsultant', 'SalesInformationClerk', 'FinanceSpecialist', 'Cashier',
                             'PartsPlanner', 'ServiceAdvisor', 'Technician', 'CustomerServiceCaller', 'GroupHq', 'Administrator'], t->'Role'),
       (t->>'Due')::timestamptz, coalesce(t->'Refs', '{}'::jsonb), dealership_enum(ARRAY['Open', 'Done'], t->'Status'), (t->>'CreatedAt')::timestamptz,
       (t->>'DoneAt')::timestamptz, t->>'DoneBy', t->>'Result'
  FROM grain_state g, jsonb_array_elements(g.payload->'Tasks') t
 WHERE g.state_name = 'store-tasks' AND jsonb_typeof(g.payload->'Tasks') = 'array'
ON CONFLICT DO NOTHING;

INSERT INTO store_counters (store_id, name, value)
SELECT split_part(g.grain_key, '/', 2), 'tasks', (g.payload->>'Sequence')::bigint
  FROM grain_state g WHERE g.state_name = 'store-tasks' AND g.payload->>'Sequence' IS NOT NULL
ON CONFLICT (store_id, name) DO UPDATE SET value = greatest(store_counters.value, EXCLUDED.value);

INSERT INTO weekly_reports (group_id, store_id, week, deadline, status, late, submitted_at, revision)
SELECT dealership_store_group(split_part(g.grain_key, '/', 1)), split_part(g.grain_key, '/', 1), r->>'Week', (r->>'Deadline')::timestamptz,
       dealership_enum(ARRAY['Draft', 'Submitted'], r->'Status'), (r->>'Late')::boolean, (r->>'SubmittedAt')::timestamptz, (r->>'Revision')::int
  FROM grain_state g, LATERAL (SELECT g.payload->'Report' AS r) x
 WHERE g.state_name = 'weekly-report' AND jsonb_typeof(g.payload->'Report') = 'object'
ON CONFLICT DO NOTHING;

INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at)
SELECT split_part(g.grain_key, '/', 1), o->>'Id', o->>'Fingerprint', (o->>'ResultJson')::jsonb, g.state_name, (o->>'At')::timestamptz
  FROM grain_state g, jsonb_array_elements(g.payload->'Operations'->'Items') o
 WHERE g.state_name IN ('parts-item', 'weekly-report', 'oem-order') AND jsonb_typeof(g.payload->'Operations'->'Items') = 'array'
   AND (o->>'At')::timestamptz > now() - interval '24 hours'
ON CONFLICT DO NOTHING;

UPDATE grain_state SET payload = (payload - 'Movements' - 'Operations') || jsonb_build_object('MovementCount', coalesce(jsonb_array_length(payload->'Movements'), 0)),
       version = version + 1, modified_at = now()
 WHERE state_name = 'parts-item' AND payload->>'GroupId' IS NOT NULL;
UPDATE grain_state SET payload = payload - 'History', version = version + 1, modified_at = now()
 WHERE state_name IN ('dealership', 'staff') AND payload ? 'History';
UPDATE grain_state SET payload = payload - 'Operations', version = version + 1, modified_at = now()
 WHERE state_name IN ('weekly-report', 'oem-order') AND payload ? 'Operations';
DELETE FROM grain_state WHERE state_name IN ('parts-index', 'staff-index', 'store-tasks', 'weekly-report-index');
