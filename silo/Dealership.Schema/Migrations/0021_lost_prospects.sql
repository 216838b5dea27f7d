-- The monthly sales analysis counts lost prospects by reason: a confirmed loss is a sales fact of kind 'ProspectLost' whose
-- reason is kept beside it (the consultant's reason, 战败原因). Prospects confirmed lost before this release get their fact
-- from the card as it stands, dated by the customer's last change (the closest record of the confirmation there is).
ALTER TABLE sales_facts ADD COLUMN IF NOT EXISTS reason text NULL;

INSERT INTO sales_facts (group_id, store_id, kind, fact_id, local_date, consultant_id, gross_profit, with_accessories, with_insurance, with_finance,
                         spec, at, reason)
SELECT c.group_id, c.store_id, 'ProspectLost', c.customer_id || '/' || c.revision,
       (c.updated_at AT TIME ZONE coalesce(s.payload->'Profile'->>'TimeZoneId', 'Asia/Shanghai'))::date,
       c.consultant_id, 0, false, false, false, c.model_of_interest, c.updated_at,
       dealership_enum(ARRAY['Price', 'Competitor', 'FinanceRefused', 'BoughtElsewhere', 'NoLongerInterested', 'Other'],
                       g.payload->'Prospect'->'LostReason')
  FROM customers c
  JOIN grain_state g ON g.state_name = 'customer' AND g.grain_key = c.store_id || '/' || c.customer_id
  LEFT JOIN grain_state s ON s.state_name = 'dealership' AND s.grain_key = 'store/' || c.store_id
 WHERE c.prospect_status = 'Lost'
ON CONFLICT DO NOTHING;
