using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Browser.Tests;

/// <summary>
/// Setting a browser test's scene through the API, as the store's staff would: a priced specification, a walk-in, a deal. The
/// screens under test then start from it.
/// </summary>
public static class Scene
{
    /// <summary>The sales manager prices a specification in the store's price book (guide price 3 % under list).</summary>
    public static async Task Price(HttpClient manager, string store, string model, string trim, string colour, decimal listPrice, decimal cost) =>
        await (await manager.PutAsync($"/api/stores/{store}/price-book", JsonContent.Create(new
        {
            model,
            trim,
            colour,
            listPrice,
            guidePrice = decimal.Round(listPrice * 0.97m, 0),
            cost,
        }))).Json(HttpStatusCode.OK);

    /// <summary>A walk-in logged by <paramref name="consultantId"/>, who keeps the prospect; answers the customer's id.</summary>
    public static async Task<string> WalkIn(HttpClient consultant, string store, string name, string consultantId, string grade = "H")
    {
        var entry = await (await consultant.Post($"/api/stores/{store}/showroom-register", new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = name,
            mobile = $"13{Random.Shared.Next(5, 10)}{Environment.ProcessId % 1000:D3}{Random.Shared.Next(100_000):D5}",
            partySize = 1,
            consultantId,
            grade,
        })).Json(HttpStatusCode.Created);
        return entry.GetProperty("customerId").GetString()!;
    }

    /// <summary>A deal opened on the priced specification with a discount; answers the deal's id.</summary>
    public static async Task<string> OpenDeal(HttpClient consultant, string store, string customerId, string model, string trim, string colour,
        decimal discount, string depositKind = "Binding")
    {
        var deal = await (await consultant.Post($"/api/stores/{store}/deals", new
        {
            customerId,
            terms = new { model, trim, colour, discount, depositKind },
        })).Json(HttpStatusCode.Created);
        return deal.GetProperty("dealId").GetString()!;
    }
}
