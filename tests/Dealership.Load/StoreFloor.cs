using System.Collections.Concurrent;
using System.Net;
using Dealership.Benchmarks;
using Dealership.Contracts.Vehicles;

namespace Dealership.Load;

/// <summary>
/// One store set up for the day through the API, as its staff would: a manager, clerk, cashier, service advisor, technician,
/// parts planner and consultants of the load's own, a specification in the price book, cars in stock to sell, demo cars to drive and parts
/// on the shelf, and a workshop open around the clock for its technicians. Member names are "ld{n}-…", so a run beside the
/// demo staff leaves theirs alone.
/// </summary>
public sealed class StoreFloor
{
    public const string Model = "Lavida";
    public const string Trim = "1.5L Comfort";

    private StoreFloor(string storeId, int number) => (StoreId, Number) = (storeId, number);

    public string StoreId { get; }

    public int Number { get; }

    public string Colour => $"Load White {Number}";

    public Dictionary<string, string> Tokens { get; } = [];

    public List<string> Consultants { get; } = [];

    public ConcurrentQueue<string> CarsToSell { get; } = new();

    public List<string> DemoCars { get; } = [];

    public List<string> Parts { get; } = [];

    public string Member(string role) => $"ld{Number}-{role}";

    public static async Task<StoreFloor> Open(Api api, string admin, string storeId, int number, int consultants, int cars, Random random)
    {
        var floor = new StoreFloor(storeId, number);
        await api.Stores(admin, [storeId]);
        foreach (var (role, kind) in new[] { ("sm", "SalesManager"), ("gm", "GeneralManager"), ("clerk", "SalesInformationClerk"), ("cashier", "Cashier"),
            ("advisor", "ServiceAdvisor"), ("tech", "Technician"), ("parts", "PartsPlanner") })
        {
            await api.Staff(admin, floor.Member(role), kind, storeId);
            floor.Tokens[role] = await api.SignIn(floor.Member(role));
        }

        // The workshop: the load's technicians on its roster around the clock (the demo's roster is replaced), so the service bay
        // finds room for a walk-in whatever the hour.
        List<string> technicians = [floor.Member("tech")];
        for (var i = 2; i <= 12; i++)
        {
            technicians.Add(floor.Member($"tech{i:D2}"));
            await api.Staff(admin, technicians[^1], "Technician", storeId);
        }

        await Expect(api.Send(HttpMethod.Put, $"/api/stores/{storeId}/workshop", floor.Tokens["gm"], new
        {
            bays = technicians.Count,
            slotMinutes = 15,
            opens = "00:00:00",
            closes = "23:45:00",
            technicians = technicians.Select(t => new { staffId = t, starts = "00:00:00", ends = "23:45:00" }),
            labourRate = 180m,
            closedOn = Array.Empty<string>(),
        }));

        for (var i = 1; i <= consultants; i++)
        {
            var username = floor.Member($"sc{i:D2}");
            await api.Staff(admin, username, "SalesConsultant", storeId);
            floor.Tokens[username] = await api.SignIn(username);
            floor.Consultants.Add(username);
            await Expect(api.Send(HttpMethod.Post, $"/api/stores/{storeId}/consultants/{username}/status", floor.Tokens["sm"], new { status = "Available" }));
        }

        await Expect(api.Send(HttpMethod.Put, $"/api/stores/{storeId}/price-book", floor.Tokens["sm"], new
        {
            model = Model,
            trim = Trim,
            colour = floor.Colour,
            listPrice = 109_900m,
            guidePrice = 106_600m,
            cost = 98_000m,
        }));
        for (var i = 0; i < cars + 4; i++)
        {
            var vin = NewVin(random);
            await Expect(api.Send(HttpMethod.Post, $"/api/stores/{storeId}/vehicles", floor.Tokens["clerk"], new
            {
                vin,
                model = Model,
                trim = Trim,
                colour = floor.Colour,
                cost = 98_000m,
                status = "InStock",
                demo = i < 4,
            }));
            if (i < 4)
            {
                floor.DemoCars.Add(vin);
            }
            else
            {
                floor.CarsToSell.Enqueue(vin);
            }
        }

        for (var i = 1; i <= 20; i++)
        {
            var part = $"LD{number}-{i:D3}";
            using var created = await api.Send(HttpMethod.Post, $"/api/stores/{storeId}/parts", floor.Tokens["parts"], new
            {
                partNumber = part,
                description = $"Load part {i}",
                bin = $"L-{i:D2}",
                onHand = 1_000,
                cost = 20m,
                supplier = "Load supplier",
                leadTimeDays = 3,
                packSize = 10,
                minimum = 5,
                price = 35m,
            });
            if (!created.IsSuccessStatusCode && created.StatusCode != HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"part {part}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            }

            floor.Parts.Add(part);
        }

        return floor;
    }

    /// <summary>A VIN of the load's own make that passes the check digit.</summary>
    public static string NewVin(Random random)
    {
        var body = $"LSVLD24B0U{random.Next(1_000_000, 9_999_999)}";
        return body[..8] + Vin.CheckDigit(body) + body[9..];
    }

    private static async Task Expect(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
