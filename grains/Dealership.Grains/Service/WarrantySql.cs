using Dealership.Contracts.Service;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Service;

/// <summary>The warranty list and a car's warranty rows: SQL over the day's computed cars (service_due) and the calls and sales.</summary>
internal static class WarrantySql
{
    /// <summary>
    /// Cars whose basic warranty ends within the window ($1 group, $2 store, $3 time zone, $4 today, $5 window in days, $6 now,
    /// $7 and $8 the cursor's end date and VIN): not extended, the customer not opted out of marketing contact, not declined within
    /// the window, not tried today and tried unreachable fewer than three times within it. Soonest end first.
    /// </summary>
    public const string Reminders = """
        SELECT d.vin, d.plate, d.model, d.customer_name, d.mobile, coalesce(cu.masked_mobile, ''), d.warranty_ends_on, d.warranty_ends_km,
               d.warranty_basis, tries.n
          FROM service_due d
          LEFT JOIN customers cu ON cu.store_id = d.customer_store AND cu.customer_id = d.customer_id
          CROSS JOIN LATERAL (SELECT count(*)::integer AS n FROM warranty_calls c
                               WHERE c.group_id = $1 AND c.vin = d.vin AND c.outcome = 'Unreachable' AND c.at > $6 - make_interval(days => $5)) tries
         WHERE d.store_id = $2 AND d.warranty_ends_on BETWEEN $4::date AND $4::date + $5::integer
           AND (d.warranty_ends_on, d.vin) > ($7::date, $8::text)
           AND tries.n < 3
           AND NOT EXISTS (SELECT 1 FROM extended_warranties e WHERE e.group_id = $1 AND e.vin = d.vin)
           AND coalesce((SELECT k.marketing FROM customer_consents k WHERE k.store_id = d.customer_store AND k.customer_id = d.customer_id
                          ORDER BY k.at DESC LIMIT 1), true)
           AND NOT EXISTS (SELECT 1 FROM warranty_calls c WHERE c.group_id = $1 AND c.vin = d.vin
                              AND ((c.outcome = 'Declined' AND c.at > $6 - make_interval(days => $5))
                                OR (c.outcome = 'Unreachable' AND (c.at AT TIME ZONE $3)::date = $4::date)))
         ORDER BY d.warranty_ends_on, d.vin
        """;

    /// <summary>The car's visits to the group's workshops, newest first ($1 group, $2 VIN).</summary>
    public const string Visits =
        "SELECT store_id, repair_order_id, opened_at, odometer, status FROM repair_orders WHERE group_id = $1 AND vin = $2 " +
        "ORDER BY opened_at DESC LIMIT 20";

    public const string Calls =
        $"SELECT {WarrantyCallRow.Columns} FROM warranty_calls WHERE group_id = $1 AND vin = $2 ORDER BY at DESC LIMIT 20";

    public const string Extended =
        $"SELECT {ExtendedWarrantyRow.Columns} FROM extended_warranties WHERE group_id = $1 AND vin = $2";

    public const string MaskedMobile = "SELECT masked_mobile FROM customers WHERE store_id = $1 AND customer_id = $2";

    public static CarVisit Visit(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetInt32(3), Enum.Parse<RepairOrderStatus>(r.GetString(4)));
}

/// <summary>An extended warranty sold: one per car in the group (the key refuses a second sale at once).</summary>
internal sealed record ExtendedWarrantyRow(string GroupId, string Vin, decimal Cost, ExtendedWarranty W) : Row
{
    public const string Columns = "store_id, sold_at, sold_by, years, km, price, ends_on, ends_km";

    public const string Table = "extended_warranties";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO {Table} (group_id, vin, cost, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        GroupId, Vin, Cost, W.StoreId, W.SoldAt, W.SoldBy, W.Years, W.Km, W.Price, W.EndsOn, W.EndsKm);

    public static ExtendedWarranty Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.GetInt32(3), r.GetInt32(4), r.GetDecimal(5),
        r.GetFieldValue<DateOnly>(6), r.GetInt32(7));
}

/// <summary>A call about a car's warranty.</summary>
internal sealed record WarrantyCallRow(string GroupId, string StoreId, string Vin, WarrantyCall C) : Row
{
    public const string Columns = "at, by, outcome, reason, ends_on";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO warranty_calls (group_id, store_id, vin, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        GroupId, StoreId, Vin, C.At, C.By, C.Outcome, C.Reason, C.EndsOn);

    public static WarrantyCall Read(NpgsqlDataReader r) => new(
        r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), Enum.Parse<WarrantyCallOutcome>(r.GetString(2)), r.IsDBNull(3) ? null : r.GetString(3),
        r.GetFieldValue<DateOnly>(4));
}
