using Dealership.Contracts.Pricing;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Pricing;

/// <summary>A store's price for one specification; set again, it replaces the old one (the audit trail keeps the change).</summary>
internal sealed record PriceBookRow(string StoreId, PriceBookLine Line) : Row
{
    public const string Columns = "model, trim, colour, list_price, guide_price, cost, updated_at, updated_by";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO price_book (store_id, model_key, trim_key, colour_key, " + Columns + ") " +
        "VALUES ($1, lower($2), lower($3), lower($4), $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT (store_id, model_key, trim_key, colour_key) DO UPDATE SET model = EXCLUDED.model, trim = EXCLUDED.trim, " +
        "colour = EXCLUDED.colour, list_price = EXCLUDED.list_price, guide_price = EXCLUDED.guide_price, cost = EXCLUDED.cost, " +
        "updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
        StoreId, Line.Entry.Model, Line.Entry.Trim, Line.Entry.Colour, Line.Entry.ListPrice, Line.Entry.GuidePrice, Line.Entry.Cost,
        Line.UpdatedAt, Line.UpdatedBy);

    public static PriceBookLine Read(NpgsqlDataReader r) => new(
        new PriceBookEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5)),
        r.GetFieldValue<DateTimeOffset>(6), r.GetString(7));
}

/// <summary>A model's rebate per unit for a month; set again, it replaces the old one (the audit trail keeps the change).</summary>
internal sealed record RebatePolicyRow(string StoreId, RebatePolicyLine Line) : Row
{
    public const string Columns = "model, month, per_unit, updated_at, updated_by";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO rebate_policies (store_id, model_key, " + Columns + ") VALUES ($1, lower($2), $2, $3, $4, $5, $6) " +
        "ON CONFLICT (store_id, model_key, month) DO UPDATE SET model = EXCLUDED.model, per_unit = EXCLUDED.per_unit, " +
        "updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by",
        StoreId, Line.Policy.Model, Line.Policy.Month, Line.Policy.PerUnit, Line.UpdatedAt, Line.UpdatedBy);

    public static RebatePolicyLine Read(NpgsqlDataReader r) => new(
        new RebatePolicy(r.GetString(0), r.GetString(1), r.GetDecimal(2)), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4));
}
