using Dealership.Integration.Tests.Infrastructure;
using Dealership.Load;
using Npgsql;

namespace Dealership.Integration.Tests.Faults;

/// <summary>
/// What must hold after any fault, read from the store's own tables: every acknowledged write is there, no car is held by two
/// live deals, and every part's ledger is an unbroken chain that never goes below zero and ends at the part's on-hand.
/// </summary>
public static class AcknowledgedCheck
{
    /// <summary>Answers how many acknowledged writes were checked; fails naming the first ones missing.</summary>
    public static async Task<int> Verify(TestDatabase database, IReadOnlyCollection<Acknowledged> acknowledged)
    {
        await using var connection = await database.Open();
        var walkIns = await Set(connection, "SELECT store_id || '|' || customer_id FROM register_entries WHERE customer_id IS NOT NULL");
        var followUps = await Set(connection, "SELECT store_id || '|' || customer_id || '|' || note FROM customer_contacts");
        var movements = await Set(connection, "SELECT store_id || '|' || part_number || '|' || quantity || ' ' || coalesce(note, '') FROM parts_movements");
        var deliveries = await Set(connection, "SELECT store_id || '|' || deal_id || '|' || vin FROM deals WHERE status = 'Delivered'");
        var carsDelivered = await Set(connection, "SELECT store_id || '|' || vin FROM vehicles WHERE status = 'Delivered'");
        var repairs = await Set(connection, "SELECT store_id || '|' || repair_order_id FROM repair_orders WHERE status IN ('Delivered', 'Closed')");

        var missing = acknowledged.Where(a => !(a.Kind switch
        {
            "walk-in" => walkIns.Contains($"{a.StoreId}|{a.Id}"),
            "follow-up" => followUps.Contains($"{a.StoreId}|{a.Id}|{a.Detail}"),
            "part movement" => movements.Contains($"{a.StoreId}|{a.Id}|{a.Detail}"),
            "delivery" => deliveries.Contains($"{a.StoreId}|{a.Id}|{a.Detail}") && carsDelivered.Contains($"{a.StoreId}|{a.Detail}"),
            "repair order" => repairs.Contains($"{a.StoreId}|{a.Id}"),
            _ => throw new InvalidOperationException($"no check for acknowledged {a.Kind}"),
        })).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged writes are missing, e.g. {string.Join("; ", missing.Take(5))}");

        var twice = await Set(connection, "SELECT vin FROM deals WHERE vin IS NOT NULL AND status <> 'Cancelled' GROUP BY vin HAVING count(*) > 1");
        Assert.True(twice.Count == 0, $"cars held by two live deals: {string.Join(", ", twice)}");
        await LedgersHold(connection);
        return acknowledged.Count;
    }

    private static async Task LedgersHold(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT m.store_id, m.part_number, m.number, m.quantity, m.on_hand_after, p.on_hand
            FROM parts_movements m JOIN parts_items p USING (store_id, part_number)
            ORDER BY m.store_id, m.part_number, m.number
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        (string Part, int Number, int After, int OnHand)? previous = null;
        var broken = new List<string>();
        while (await reader.ReadAsync())
        {
            var part = reader.GetString(0) + "/" + reader.GetString(1);
            var (number, quantity, after, onHand) = (reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5));
            if (after < 0)
            {
                broken.Add($"{part} #{number} left {after} on hand");
            }

            if (previous?.Part == part && (number != previous.Value.Number + 1 || after != previous.Value.After + quantity))
            {
                broken.Add($"{part} #{number}: {previous.Value.After} {quantity:+#;-#;0} ≠ {after}");
            }

            if (previous is { } last && last.Part != part && last.After != last.OnHand)
            {
                broken.Add($"{last.Part}: ledger ends at {last.After}, on hand {last.OnHand}");
            }

            previous = (part, number, after, onHand);
        }

        if (previous is { } end && end.After != end.OnHand)
        {
            broken.Add($"{end.Part}: ledger ends at {end.After}, on hand {end.OnHand}");
        }

        Assert.True(broken.Count == 0, "parts ledgers broken: " + string.Join("; ", broken.Take(10)));
    }

    private static async Task<HashSet<string>> Set(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            set.Add(reader.GetString(0));
        }

        return set;
    }
}
