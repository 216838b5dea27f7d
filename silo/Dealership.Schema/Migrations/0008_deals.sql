-- A deal's history and payments become rows, and the store's deal list is the deals' own rows, written in the same
-- transaction as the deal. The deal keeps its latest 20 history entries and payments, and the sums of its money.
CREATE TABLE IF NOT EXISTS deals
(
    group_id      text        NOT NULL,
    store_id      text        NOT NULL,
    deal_id       text        NOT NULL,
    customer_id   text        NOT NULL,
    customer_name text        NOT NULL,
    consultant_id text        NOT NULL,
    status        text        NOT NULL,
    model         text        NOT NULL,
    trim          text        NOT NULL,
    colour        text        NOT NULL,
    vin           text        NULL,
    selling_price numeric     NOT NULL,
    gross_profit  numeric     NOT NULL,
    pending_tier  text        NULL,
    loan_status   text        NULL,
    lender        text        NULL,
    handover_slot timestamptz NULL,
    updated_at    timestamptz NOT NULL,
    revision      integer     NOT NULL,
    opened_at     timestamptz NOT NULL,
    PRIMARY KEY (store_id, deal_id)
);
CREATE INDEX IF NOT EXISTS ix_deals_newest ON deals (store_id, opened_at DESC, deal_id DESC);
CREATE INDEX IF NOT EXISTS ix_deals_consultant ON deals (store_id, consultant_id, opened_at DESC);
CREATE INDEX IF NOT EXISTS ix_deals_status ON deals (store_id, status, opened_at DESC);
CREATE INDEX IF NOT EXISTS ix_deals_loans ON deals (store_id, loan_status, opened_at DESC) WHERE loan_status IS NOT NULL;

CREATE TABLE IF NOT EXISTS deal_history
(
    store_id text        NOT NULL,
    deal_id  text        NOT NULL,
    revision integer     NOT NULL,
    at       timestamptz NOT NULL,
    by       text        NOT NULL,
    what     text        NOT NULL,
    PRIMARY KEY (store_id, deal_id, revision)
);

CREATE TABLE IF NOT EXISTS deal_payments
(
    store_id  text        NOT NULL,
    deal_id   text        NOT NULL,
    number    integer     NOT NULL,
    at        timestamptz NOT NULL,
    by        text        NOT NULL,
    kind      text        NOT NULL,
    method    text        NOT NULL,
    amount    numeric     NOT NULL,
    reference text        NULL,
    PRIMARY KEY (store_id, deal_id, number)
);

-- Every save of a release-7 deal added one history entry and one revision: entry n is revision n.
INSERT INTO deal_history (store_id, deal_id, revision, at, by, what)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), h.n::int, (h.e->>'At')::timestamptz, h.e->>'By', h.e->>'What'
  FROM grain_state g, jsonb_array_elements(g.payload->'History') WITH ORDINALITY AS h(e, n)
 WHERE g.state_name = 'deal' AND jsonb_typeof(g.payload->'History') = 'array'
ON CONFLICT DO NOTHING;

INSERT INTO deal_payments (store_id, deal_id, number, at, by, kind, method, amount, reference)
SELECT split_part(g.grain_key, '/', 1), split_part(g.grain_key, '/', 2), (p->>'Number')::int, (p->>'At')::timestamptz, p->>'By',
       dealership_enum(ARRAY['Deposit', 'Payment', 'LoanDisbursement', 'Refund'], p->'Kind'),
       dealership_enum(ARRAY['Cash', 'BankCard', 'BankTransfer', 'WeChatPay', 'Alipay', 'Lender'], p->'Method'),
       (p->>'Amount')::numeric, p->>'Reference'
  FROM grain_state g, jsonb_array_elements(g.payload->'Payments') p
 WHERE g.state_name = 'deal' AND jsonb_typeof(g.payload->'Payments') = 'array'
ON CONFLICT DO NOTHING;

-- The list rows come from release 7's deal-index (it holds the figures the deal list showed).
INSERT INTO deals (group_id, store_id, deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, selling_price,
                   gross_profit, pending_tier, loan_status, lender, handover_slot, updated_at, revision, opened_at)
SELECT dealership_store_group(split_part(i.grain_key, '/', 2)), split_part(i.grain_key, '/', 2), d.key, d.value->>'CustomerId',
       d.value->>'CustomerName', d.value->>'ConsultantId',
       dealership_enum(ARRAY['Draft', 'PendingApproval', 'Approved', 'Signed', 'Invoiced', 'Delivered', 'Cancelled'], d.value->'Status'),
       d.value->>'Model', d.value->>'Trim', d.value->>'Colour', d.value->>'Vin', (d.value->>'SellingPrice')::numeric,
       (d.value->>'GrossProfit')::numeric,
       CASE WHEN jsonb_typeof(d.value->'PendingTier') = 'number'
            THEN (ARRAY['None', 'SalesManager', 'GeneralManager'])[(d.value->>'PendingTier')::int + 1] END,
       dealership_enum(ARRAY['Collecting', 'Submitted', 'Approved', 'Rejected', 'Disbursed', 'CollateralRegistered'], d.value->'LoanStatus'),
       d.value->>'Lender', (d.value->>'HandoverSlot')::timestamptz, (d.value->>'UpdatedAt')::timestamptz, (d.value->>'Revision')::int,
       coalesce((SELECT (s.payload->>'OpenedAt')::timestamptz FROM grain_state s
                  WHERE s.state_name = 'deal' AND s.grain_key = split_part(i.grain_key, '/', 2) || '/' || d.key),
                (d.value->>'UpdatedAt')::timestamptz)
  FROM grain_state i, jsonb_each(i.payload->'Deals') d
 WHERE i.state_name = 'deal-index' AND jsonb_typeof(i.payload->'Deals') = 'object'
ON CONFLICT DO NOTHING;

INSERT INTO operations (scope, operation_id, fingerprint, result, grain, at)
SELECT split_part(g.grain_key, '/', 1), o->>'Id', o->>'Fingerprint', (o->>'ResultJson')::jsonb, 'deal', (o->>'At')::timestamptz
  FROM grain_state g, jsonb_array_elements(g.payload->'Operations'->'Items') o
 WHERE g.state_name = 'deal' AND jsonb_typeof(g.payload->'Operations'->'Items') = 'array'
   AND (o->>'At')::timestamptz > now() - interval '24 hours'
ON CONFLICT DO NOTHING;

-- The deal keeps the sums of its money and its latest 20 history entries and payments.
UPDATE grain_state g
   SET payload = (g.payload - 'Operations')
       || jsonb_build_object(
            'Money', jsonb_build_object(
                'Count', coalesce(jsonb_array_length(g.payload->'Payments'), 0),
                'Deposits', (SELECT coalesce(sum((p->>'Amount')::numeric), 0) FROM jsonb_array_elements(g.payload->'Payments') p WHERE (p->>'Kind')::int = 1),
                'Payments', (SELECT coalesce(sum((p->>'Amount')::numeric), 0) FROM jsonb_array_elements(g.payload->'Payments') p WHERE (p->>'Kind')::int = 2),
                'Refunds', (SELECT coalesce(sum((p->>'Amount')::numeric), 0) FROM jsonb_array_elements(g.payload->'Payments') p WHERE (p->>'Kind')::int = 4),
                'Disbursed', (SELECT coalesce(sum((p->>'Amount')::numeric), 0) FROM jsonb_array_elements(g.payload->'Payments') p WHERE (p->>'Kind')::int = 3)),
            'Payments', (SELECT coalesce(jsonb_agg(x.e ORDER BY x.n), '[]'::jsonb)
                           FROM jsonb_array_elements(g.payload->'Payments') WITH ORDINALITY AS x(e, n)
                          WHERE x.n > jsonb_array_length(g.payload->'Payments') - 20),
            'History', (SELECT coalesce(jsonb_agg(x.e ORDER BY x.n), '[]'::jsonb)
                          FROM jsonb_array_elements(g.payload->'History') WITH ORDINALITY AS x(e, n)
                         WHERE x.n > jsonb_array_length(g.payload->'History') - 20)),
       version = g.version + 1, modified_at = now()
 WHERE g.state_name = 'deal' AND jsonb_typeof(g.payload->'Payments') = 'array' AND jsonb_typeof(g.payload->'History') = 'array';

DELETE FROM grain_state WHERE state_name = 'deal-index';
