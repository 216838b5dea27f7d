namespace Dealership.Grains.Parts;

/// <summary>
/// Who the store buys from: its suppliers' records, and every supplier its parts and purchase orders name (named by hand since
/// the records began, they are the store's suppliers all the same).
/// </summary>
internal static class SupplierNames
{
    /// <summary>Each name once, with its record's usual lead time if it has a record ($1: the store).</summary>
    public const string Sql =
        "WITH n AS (SELECT supplier AS name FROM parts_items WHERE store_id = $1 AND supplier IS NOT NULL " +
        "UNION SELECT supplier FROM purchase_orders WHERE store_id = $1 UNION SELECT name FROM suppliers WHERE store_id = $1) " +
        "SELECT n.name, s.lead_time_days, s.contact, s.phone, s.tax_number, s.address, s.payment_days, s.updated_at, s.updated_by " +
        "FROM n LEFT JOIN suppliers s ON s.store_id = $1 AND s.name = n.name";
}
