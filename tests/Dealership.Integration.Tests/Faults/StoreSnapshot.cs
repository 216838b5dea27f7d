using System.Text;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Load;

namespace Dealership.Integration.Tests.Faults;

/// <summary>
/// Each store as its staff see it through the API: its cars, deals, repair orders and parts lists, and every part's on-hand
/// as its grain holds it (which must match the ledger's table). Two equal snapshots mean a restart changed nothing.
/// </summary>
public static class StoreSnapshot
{
    public static async Task<string> Take(DealershipSystem.Gateway gateway, IReadOnlyList<StoreFloor> floors)
    {
        var text = new StringBuilder();
        foreach (var floor in floors)
        {
            var store = $"/api/stores/{floor.StoreId}";
            using var manager = gateway.Client(await gateway.SignIn(floor.Member("gm")));
            foreach (var list in new[] { "vehicles", "deals", "repair-orders", "parts" })
            {
                text.Append(store).Append('/').Append(list).Append(": ").AppendLine((await manager.All($"{store}/{list}")).ToString());
            }

            using var planner = gateway.Client(await gateway.SignIn(floor.Member("parts")));
            foreach (var part in floor.Parts)
            {
                var item = await (await planner.GetAsync($"{store}/parts/{part}")).Json(global::System.Net.HttpStatusCode.OK);
                text.Append(part).Append(" on hand ").AppendLine(item.GetProperty("onHand").GetInt32().ToString(global::System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>Every part's on-hand as the API answers it (its grain) equals the parts table's (where the ledger ends).</summary>
    public static async Task PartsAgreeWithTheLedger(DealershipSystem system, IReadOnlyList<StoreFloor> floors)
    {
        var gateway = system.Gateways[0];
        foreach (var floor in floors)
        {
            using var planner = gateway.Client(await gateway.SignIn(floor.Member("parts")));
            foreach (var part in floor.Parts)
            {
                var item = await (await planner.GetAsync($"/api/stores/{floor.StoreId}/parts/{part}")).Json(global::System.Net.HttpStatusCode.OK);
                var table = await system.Database.Scalar<int>("SELECT on_hand FROM parts_items WHERE store_id = @s AND part_number = @p", ("s", floor.StoreId), ("p", part));
                Assert.Equal(table, item.GetProperty("onHand").GetInt32());
            }
        }
    }
}
