using Dealership.Contracts.Sales;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Sales;

/// <summary>One entry of a deal's history (who did what, when), kept for good.</summary>
internal sealed record DealHistoryRow(string StoreId, string DealId, int Revision, DealEvent Event) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO deal_history (store_id, deal_id, revision, at, by, what) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        StoreId, DealId, Revision, Event.At, Event.By, Event.What);

    public static DealEvent Read(NpgsqlDataReader r) => new(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetString(3));
}

/// <summary>
/// The deal's open PDI tasks, done with the same write as the PDI (or closed when the car, the slot or the deal changes), but for
/// <paramref name="KeepSource"/>: the task of the car and slot now booked.
/// </summary>
internal sealed record PdiTasksDoneRow(string StoreId, string DealId, string? KeepSource, DateTimeOffset At, string By, string Result) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"UPDATE tasks SET status = 'Done', done_at = $4, done_by = $5, result = $6 WHERE store_id = $1 AND kind = '{DealGrain.PdiTaskKind}' " +
        "AND refs->>'dealId' = $2 AND status = 'Open' AND source_id IS DISTINCT FROM $3",
        StoreId, DealId, KeepSource, At, By, Result);
}

/// <summary>One deposit, payment, refund or loan disbursement of a deal, kept for good.</summary>
internal sealed record DealPaymentRow(string StoreId, string DealId, PaymentEntry Payment) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO deal_payments (store_id, deal_id, number, at, by, kind, method, amount, reference) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT DO NOTHING",
        StoreId, DealId, Payment.Number, Payment.At, Payment.By, Payment.Kind, Payment.Method, Payment.Amount, Payment.Reference);

    public static PaymentEntry Read(NpgsqlDataReader r) => new(
        r.GetInt32(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), Enum.Parse<PaymentKind>(r.GetString(3)), Enum.Parse<PaymentMethod>(r.GetString(4)),
        r.GetDecimal(5), r.IsDBNull(6) ? null : r.GetString(6));
}

/// <summary>A deal's line on the store's deal list and the finance specialist's case list, rewritten with every change of the deal.</summary>
internal sealed record DealRow(string GroupId, string StoreId, DateTimeOffset OpenedAt, DealSummary Deal) : Row
{
    public const string Columns =
        "deal_id, customer_id, customer_name, consultant_id, status, model, trim, colour, vin, selling_price, gross_profit, pending_tier, " +
        "loan_status, lender, handover_slot, updated_at, revision, opened_at";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO deals (group_id, store_id, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) " +
        "ON CONFLICT (store_id, deal_id) DO UPDATE SET customer_name = EXCLUDED.customer_name, consultant_id = EXCLUDED.consultant_id, " +
        "status = EXCLUDED.status, model = EXCLUDED.model, trim = EXCLUDED.trim, colour = EXCLUDED.colour, vin = EXCLUDED.vin, " +
        "selling_price = EXCLUDED.selling_price, gross_profit = EXCLUDED.gross_profit, pending_tier = EXCLUDED.pending_tier, " +
        "loan_status = EXCLUDED.loan_status, lender = EXCLUDED.lender, handover_slot = EXCLUDED.handover_slot, updated_at = EXCLUDED.updated_at, " +
        "revision = EXCLUDED.revision WHERE deals.revision < EXCLUDED.revision",
        GroupId, StoreId, Deal.DealId, Deal.CustomerId, Deal.CustomerName, Deal.ConsultantId, Deal.Status, Deal.Model, Deal.Trim, Deal.Colour,
        Deal.Vin, Deal.SellingPrice, Deal.GrossProfit, Deal.PendingTier, Deal.LoanStatus, Deal.Lender, Deal.HandoverSlot, Deal.UpdatedAt,
        Deal.Revision, OpenedAt);

    public static (DealSummary Deal, DateTimeOffset OpenedAt) Read(NpgsqlDataReader r) => (new DealSummary(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<DealStatus>(r.GetString(4)), r.GetString(5), r.GetString(6),
        r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetDecimal(9), r.GetDecimal(10),
        r.IsDBNull(11) ? null : Enum.Parse<ApprovalTier>(r.GetString(11)), r.IsDBNull(12) ? null : Enum.Parse<LoanStatus>(r.GetString(12)),
        r.IsDBNull(13) ? null : r.GetString(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14), r.GetFieldValue<DateTimeOffset>(15),
        r.GetInt32(16)), r.GetFieldValue<DateTimeOffset>(17));
}
