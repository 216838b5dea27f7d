-- The service department (DOMAIN workflow 11): appointments per service day (the day's grain keeps only each one's load),
-- repair orders with their lines, the technicians' clock, the customer's approvals, the follow-up calls after a visit;
-- complaints may now be about a visit.
CREATE TABLE IF NOT EXISTS service_appointments
(
    store_id       text          NOT NULL,
    appointment_id text          NOT NULL,
    group_id       text          NOT NULL,
    day            date          NOT NULL,
    slot_starts    timestamptz   NOT NULL,
    ends_by        timestamptz   NOT NULL,
    hours          numeric(6, 2) NOT NULL,
    customer_name  text          NOT NULL,
    mobile         text          NOT NULL,
    vin            text          NULL,
    plate          text          NULL,
    concern        text          NOT NULL,
    wanted_at      timestamptz   NOT NULL,
    status         text          NOT NULL,
    cancel_reason  text          NULL,
    walk_in        boolean       NOT NULL,
    repair_order_id text         NULL,
    booked_at      timestamptz   NOT NULL,
    booked_by      text          NOT NULL,
    revision       integer       NOT NULL,
    PRIMARY KEY (store_id, appointment_id)
);
CREATE INDEX IF NOT EXISTS ix_service_appointments_day ON service_appointments (store_id, day, slot_starts);
CREATE INDEX IF NOT EXISTS ix_service_appointments_vin ON service_appointments (store_id, vin) WHERE vin IS NOT NULL;

CREATE TABLE IF NOT EXISTS repair_orders
(
    store_id        text           NOT NULL,
    repair_order_id text           NOT NULL,
    group_id        text           NOT NULL,
    appointment_id  text           NULL,
    customer_id     text           NOT NULL,
    customer_name   text           NOT NULL,
    mobile          text           NOT NULL,
    vin             text           NULL,
    plate           text           NULL,
    odometer        integer        NOT NULL,
    concern         text           NOT NULL,
    advisor_id      text           NOT NULL,
    status          text           NOT NULL,
    opened_at       timestamptz    NOT NULL,
    promised_at     timestamptz    NULL,
    delivered_at    timestamptz    NULL,
    total           numeric(14, 2) NOT NULL,
    revision        integer        NOT NULL,
    PRIMARY KEY (store_id, repair_order_id)
);
CREATE INDEX IF NOT EXISTS ix_repair_orders_newest ON repair_orders (store_id, opened_at DESC, repair_order_id DESC);
CREATE INDEX IF NOT EXISTS ix_repair_orders_vin ON repair_orders (store_id, vin, opened_at DESC) WHERE vin IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_repair_orders_plate ON repair_orders (store_id, plate, opened_at DESC) WHERE plate IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_repair_orders_delivered ON repair_orders (store_id, delivered_at) WHERE delivered_at IS NOT NULL;

-- Each line as it stands, rewritten with its order: the technicians' flat-rate hours are read from the finished labour lines.
CREATE TABLE IF NOT EXISTS repair_order_lines
(
    store_id        text           NOT NULL,
    repair_order_id text           NOT NULL,
    line            integer        NOT NULL,
    kind            text           NOT NULL,
    supplement      integer        NOT NULL,
    status          text           NOT NULL,
    description     text           NOT NULL,
    reason          text           NOT NULL,
    quantity        numeric(10, 2) NOT NULL,
    unit_price      numeric(14, 2) NOT NULL,
    technician_id   text           NULL,
    part_number     text           NULL,
    issued          integer        NOT NULL,
    worked_minutes  integer        NOT NULL,
    done_at         timestamptz    NULL,
    PRIMARY KEY (store_id, repair_order_id, line)
);
CREATE INDEX IF NOT EXISTS ix_repair_order_lines_done ON repair_order_lines (store_id, technician_id, done_at) WHERE done_at IS NOT NULL;

-- Every stretch a technician was clocked on a line.
CREATE TABLE IF NOT EXISTS repair_order_clock
(
    store_id        text        NOT NULL,
    repair_order_id text        NOT NULL,
    number          integer     NOT NULL,
    line            integer     NOT NULL,
    technician_id   text        NOT NULL,
    on_at           timestamptz NOT NULL,
    off_at          timestamptz NOT NULL,
    minutes         integer     NOT NULL,
    done            boolean     NOT NULL,
    PRIMARY KEY (store_id, repair_order_id, number)
);
CREATE INDEX IF NOT EXISTS ix_repair_order_clock_technician ON repair_order_clock (store_id, technician_id, off_at);

-- Who is clocked on where right now: a technician is on one job at a time.
CREATE TABLE IF NOT EXISTS technician_open_clocks
(
    store_id        text        NOT NULL,
    technician_id   text        NOT NULL,
    repair_order_id text        NOT NULL,
    line            integer     NOT NULL,
    since           timestamptz NOT NULL,
    PRIMARY KEY (store_id, technician_id)
);

-- The customer's answer to each estimate and supplement, as the advisor recorded it.
CREATE TABLE IF NOT EXISTS repair_order_approvals
(
    store_id         text           NOT NULL,
    repair_order_id  text           NOT NULL,
    supplement       integer        NOT NULL,
    approved         boolean        NOT NULL,
    approved_by_name text           NOT NULL,
    method           text           NOT NULL,
    reference        text           NULL,
    amount           numeric(14, 2) NOT NULL,
    at               timestamptz    NOT NULL,
    recorded_by      text           NOT NULL,
    PRIMARY KEY (store_id, repair_order_id, supplement, at)
);

CREATE TABLE IF NOT EXISTS service_follow_up_calls
(
    store_id        text        NOT NULL,
    task_id         text        NOT NULL,
    repair_order_id text        NOT NULL,
    attempt         integer     NOT NULL,
    at              timestamptz NOT NULL,
    by              text        NOT NULL,
    outcome         text        NOT NULL,
    reason          text        NULL,
    note            text        NULL,
    complaint_id    text        NULL,
    PRIMARY KEY (store_id, task_id)
);
CREATE INDEX IF NOT EXISTS ix_service_follow_up_calls_order ON service_follow_up_calls (store_id, repair_order_id, at);

ALTER TABLE complaints ADD COLUMN IF NOT EXISTS repair_order_id text NULL;
CREATE INDEX IF NOT EXISTS ix_complaints_vin_open ON complaints (store_id, vin) WHERE status <> 'Closed';
