using System.Text.Json;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Ownership;

/// <summary>
/// A sales invoice the store issued, as a row of <c>sales_invoices</c>, written with the deal or repair order that issued it: the
/// record a day's vouchers are built from. Written once (its number is unique in the store).
/// </summary>
public sealed record InvoiceRow(string GroupId, string StoreId, DateOnly LocalDate, string By, InvoiceFact Invoice) : Row
{
    public const string Columns = "number, kind, source_id, at, customer_name, amount, vat, lines, cost, fees, trade_in";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO sales_invoices (group_id, store_id, number, kind, source_id, at, local_date, by, customer_name, amount, vat, lines, cost, fees, trade_in) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (store_id, number) DO NOTHING",
        GroupId, StoreId, Invoice.Number, Invoice.Kind, Invoice.SourceId, Invoice.At, LocalDate, By, Invoice.Customer, Invoice.Amount, Invoice.Vat,
        Sql.Jsonb(JsonSerializer.Serialize(Invoice.Lines)), Invoice.Cost, Invoice.Fees, Invoice.TradeIn);

    public static InvoiceFact Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4), r.GetDecimal(5), r.GetDecimal(6),
        JsonSerializer.Deserialize<List<InvoiceFactLine>>(r.GetString(7)) ?? [], r.GetDecimal(8), r.GetDecimal(9), r.GetDecimal(10));
}
