using System.Globalization;
using System.Text.RegularExpressions;
using Dealership.Contracts.Ownership;

namespace Dealership.Grains.Ownership;

/// <summary>
/// A store's export also holds its data as the import templates read it (<c>imports/</c>, numbered in the order they are imported):
/// its staff, customers with their consent, open prospects, cars in stock and on their way, suppliers and parts with twelve months
/// of demand. Moving a store to another installation of the product (or to another system) is then the import wizard run over
/// these files. Each is a COPY over the export's snapshot with the template's headers (Chinese and English), so it streams as the
/// tables do; formula-like text gets the export's leading apostrophe, which the import drops.
/// </summary>
public static partial class ImportFiles
{
    private const string Store = $"current_setting('{ExportCatalogue.StoreSetting}')";

    [GeneratedRegex("^[A-Za-z0-9_+/-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneName();

    /// <summary>The files, by name, in import order.</summary>
    /// <param name="today">The store's day: demand month 1 is the last whole month before it, as the import reads it.</param>
    /// <param name="zoneId">The store's time zone (IANA), in which days are written.</param>
    public static IEnumerable<(string Name, string Copy)> For(DateOnly today, string zoneId)
    {
        var zone = ZoneName().IsMatch(zoneId) ? zoneId : "UTC";
        string Day(string instant) => $"to_char(({instant}) AT TIME ZONE '{zone}', 'YYYY-MM-DD')";
        yield return ("imports/1-staff.csv", Copy(ImportTemplates.Staff,
            ["staff_id", "display_name", "role"],
            $"staff_members WHERE {Store} = ANY(store_ids) AND NOT whole_group AND NOT disabled AND role NOT IN ('Administrator', 'GroupHq')",
            "staff_id"));
        yield return ("imports/2-customers.csv", Copy(ImportTemplates.Customers,
            ["g.payload->>'Mobile'", "g.payload->>'Name'", "CASE c.marketing WHEN true THEN '是' WHEN false THEN '否' END",
                "CASE WHEN c.marketing THEN c.channel END", Day("(g.payload->>'FirstSeenAt')::timestamptz")],
            $"grain_state g LEFT JOIN LATERAL (SELECT marketing, channel FROM customer_consents k WHERE k.store_id = {Store} " +
            $"AND k.customer_id = split_part(g.grain_key, '/', 2) ORDER BY k.at DESC LIMIT 1) c ON true " +
            $"WHERE g.state_name = 'customer' AND left(g.grain_key, length({Store}) + 1) = {Store} || '/' AND g.payload->>'Name' IS NOT NULL",
            "g.grain_key"));
        yield return ("imports/3-prospects.csv", Copy(ImportTemplates.Prospects,
            ["g.payload->>'Mobile'", "g.payload->>'Name'", "u.consultant_id", "u.grade", "u.model_of_interest", "round((g.payload->'Prospect'->>'Budget')::numeric, 2)",
                Day("u.next_follow_up_due"), "NULL"],
            $"customers u JOIN grain_state g ON g.state_name = 'customer' AND g.grain_key = u.store_id || '/' || u.customer_id " +
            $"WHERE u.store_id = {Store} AND u.prospect_status = 'Active'", "u.customer_id"));
        yield return ("imports/4-vehicles.csv", Copy(ImportTemplates.Vehicles,
            ["vin", "model", "trim", "colour", "round(cost, 2)",
                "CASE status WHEN 'InTransit' THEN 'InTransit' WHEN 'Ordered' THEN 'Ordered' ELSE 'InStock' END",
                $"CASE WHEN status IN ('InStock', 'Reserved') THEN {Day("in_stock_since")} END", "CASE WHEN demo THEN '是' ELSE '否' END",
                "certificate", "floor_plan_lender", "to_char(floor_plan_due, 'YYYY-MM-DD')"],
            $"vehicles WHERE store_id = {Store} AND status IN ('InStock', 'Reserved', 'InTransit', 'Ordered')", "vin"));
        yield return ("imports/5-suppliers.csv", Copy(ImportTemplates.Suppliers,
            ["n.name", "s.contact", "s.phone", "s.tax_number", "s.address", "s.lead_time_days", "s.payment_days"],
            $"(SELECT supplier AS name FROM parts_items WHERE store_id = {Store} AND supplier IS NOT NULL " +
            $"UNION SELECT supplier FROM purchase_orders WHERE store_id = {Store} UNION SELECT name FROM suppliers WHERE store_id = {Store}) n " +
            $"LEFT JOIN suppliers s ON s.store_id = {Store} AND s.name = n.name", "n.name"));
        yield return ("imports/6-parts.csv", Copy(ImportTemplates.Parts,
            ["p.part_number", "p.description", "p.bin", "p.supplier", "p.pack_size", "p.lead_time_days", "p.minimum", "round(p.average_cost, 2)", "round(p.price, 2)",
                "p.on_hand", .. Enumerable.Range(1, ImportTemplates.DemandMonths).Select(m => Month(today, m))],
            $"parts_items p WHERE p.store_id = {Store}", "p.part_number"));
    }

    // Month m back: the units of the m-th whole calendar month before today's, as a part's row gives them.
    private static string Month(DateOnly today, int monthsBack)
    {
        var first = new DateOnly(today.Year, today.Month, 1);
        var (from, to) = (first.AddMonths(-monthsBack), first.AddMonths(1 - monthsBack));
        return string.Create(CultureInfo.InvariantCulture,
            $"(SELECT COALESCE(sum(d.quantity), 0) FROM parts_demand d WHERE d.store_id = p.store_id AND d.part_number = p.part_number " +
            $"AND d.day >= DATE '{from:yyyy-MM-dd}' AND d.day < DATE '{to:yyyy-MM-dd}')");
    }

    private static string Copy(IReadOnlyList<ImportColumn> columns, IReadOnlyList<string> values, string from, string order)
    {
        if (columns.Count != values.Count)
        {
            throw new ArgumentException("A value for every column of the template.", nameof(values));
        }

        var select = string.Join(", ", columns.Select((c, i) => $"{Safe(values[i])} AS \"{c.Header.Replace("\"", "\"\"", StringComparison.Ordinal)}\""));
        return $"COPY (SELECT {select} FROM {from} ORDER BY {order}) TO STDOUT (FORMAT csv, HEADER true)";
    }

    // Text a spreadsheet would run as a formula gets the export's apostrophe (numbers and days never start so).
    private static string Safe(string value) =>
        $"CASE WHEN left(({value})::text, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ({value})::text ELSE ({value})::text END";
}
