-- A car's invoice also settles the fees the store collects for others (代收代付) and the allowance for the car traded in, so
-- that what the customer pays clears the receivable; a closed day keeps the voucher word it was closed with.
ALTER TABLE sales_invoices ADD COLUMN IF NOT EXISTS fees numeric(14,2) NOT NULL DEFAULT 0;
ALTER TABLE sales_invoices ADD COLUMN IF NOT EXISTS trade_in numeric(14,2) NOT NULL DEFAULT 0;
COMMENT ON TABLE sales_invoices IS 'Sales invoices the store issued: a car''s (with its accessories), its credit note when a sale is unwound, and each repair order''s; amount and VAT, the lines (JSON), the vehicle cost (net of VAT) booked against a car''s, and a car''s pass-through fees and trade-in allowance.';
ALTER TABLE voucher_days ADD COLUMN IF NOT EXISTS voucher_word text NOT NULL DEFAULT '记';
