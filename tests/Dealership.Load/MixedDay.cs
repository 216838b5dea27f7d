using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dealership.Benchmarks;

namespace Dealership.Load;

/// <summary>
/// A dealer group's day on the sales floor and the parts counter, played by every consultant of every store at once: each
/// picks its next step by the day's mix (a fixed seed per consultant, so two runs ask the same of the system), and the store's
/// manager, cashier, technician and parts planner act where the step needs them.
/// </summary>
public sealed class MixedDay(Api api, IReadOnlyList<StoreFloor> floors, Recorder recorder, int seed)
{
    /// <summary>The mix: what share of a consultant's steps each kind of work is.</summary>
    private static readonly (string Step, int Weight)[] Mix =
    [
        ("walk-in", 25), ("follow-up", 15), ("customer card", 10), ("status", 10), ("board", 15), ("test drive", 5), ("parts", 15), ("sale", 5),
    ];

    private static readonly int TotalWeight = Mix.Sum(m => m.Weight);

    public async Task Run(TimeSpan length)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var workers = floors.SelectMany(f => f.Consultants.Select(c => (Floor: f, Consultant: c))).ToList();
        await Task.WhenAll(workers.Select((w, i) => Task.Run(() => Consultant(w.Floor, w.Consultant, new Random(seed * 1_000 + i), stopAt))));
    }

    private async Task Consultant(StoreFloor floor, string me, Random random, long stopAt)
    {
        var prospects = new List<string>();
        var token = floor.Tokens[me];
        var store = $"/api/stores/{floor.StoreId}";
        long n = 0;
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            n++;
            var step = Pick(random);
            if (prospects.Count == 0 && step is "follow-up" or "customer card" or "test drive" or "sale")
            {
                step = "walk-in";
            }

            try
            {
                switch (step)
                {
                    case "walk-in":
                        var customerId = await WalkIn(store, token, me, random);
                        prospects.Add(customerId);
                        if (prospects.Count > 50)
                        {
                            prospects.RemoveAt(0);
                        }

                        break;
                    case "follow-up":
                        await Ok("follow-up logged", HttpMethod.Post, $"{store}/customers/{Any(prospects, random)}/follow-ups", token,
                            new { channel = "phone", note = $"Load follow-up {n}", grade = "A" }, Key(me, n));
                        break;
                    case "customer card":
                        await Ok("customer card read", HttpMethod.Get, $"{store}/customers/{Any(prospects, random)}", token);
                        break;
                    case "status":
                        await Ok("consultant status set", HttpMethod.Post, $"{store}/consultants/{me}/status", token,
                            new { status = n % 2 == 0 ? "Available" : "WithCustomer" }, Key(me, n));
                        break;
                    case "board":
                        await Ok("floor board read (up next)", HttpMethod.Get, $"{store}/showroom/up-next", token);
                        break;
                    case "test drive":
                        await TestDrive(floor, store, token, Any(prospects, random), random, n);
                        break;
                    case "parts":
                        var part = floor.Parts[random.Next(floor.Parts.Count)];
                        var receipt = random.Next(3) == 0;
                        await Ok(receipt ? "part received" : "part issued", HttpMethod.Post, $"{store}/parts/{part}/movements", floor.Tokens["parts"],
                            receipt ? new { quantity = 5, reason = "Receipt", note = $"GR {me} {n}", unitCost = 20m } : (object)new { quantity = -1, reason = "CounterSale", note = $"{me} {n}" },
                            Key(me, n));
                        break;
                    case "sale":
                        var buyer = Any(prospects, random);
                        prospects.Remove(buyer); // a customer with a deal is not a prospect any more
                        await Sale(floor, store, token, buyer, me, n);
                        break;
                }
            }
            catch (DayStepFailed)
            {
                // Recorded as an error of its step; the consultant goes on with the day.
            }
        }
    }

    private async Task<string> WalkIn(string store, string token, string me, Random random)
    {
        var key = Guid.NewGuid().ToString();
        using var response = await recorder.Time("walk-in logged", () => api.Send(HttpMethod.Post, $"{store}/showroom-register", token, new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "Load visitor",
            mobile = $"139{random.Next(0, 100_000_000):D8}",
            partySize = 1,
            consultantId = me,
            grade = "H",
            modelOfInterest = StoreFloor.Model,
        }, key));
        var customerId = await Field(response, "customerId");
        recorder.Acknowledge($"walk-in {store} {customerId} {key}");
        return customerId;
    }

    private async Task TestDrive(StoreFloor floor, string store, string token, string customerId, Random random, long n)
    {
        var car = floor.DemoCars[random.Next(floor.DemoCars.Count)];
        using var started = await recorder.Time("test drive started", () => api.Send(HttpMethod.Post, $"{store}/test-drives", token, new
        {
            customerId,
            vin = car,
            licenceNumber = "11010519850612301X",
            licenceExpiry = "2031-06-12",
            startMileage = 10,
        }), HttpStatusCode.Conflict);
        if (started.StatusCode == HttpStatusCode.Conflict)
        {
            return; // the car or the consultant is out already: one winner, as on a real floor
        }

        var driveId = await Field(started, "driveId");
        await Ok("test drive ended", HttpMethod.Post, $"{store}/test-drives/{driveId}/end", token, new { endMileage = 18 }, Guid.NewGuid().ToString());
    }

    /// <summary>A sale from the deal to the handover: consultant, manager, cashier and technician each on their own step.</summary>
    private async Task Sale(StoreFloor floor, string store, string token, string customerId, string me, long n)
    {
        if (!floor.CarsToSell.TryDequeue(out var vin))
        {
            return; // the store has sold every car set up for the run
        }

        using var opened = await recorder.Time("sale: deal opened", () => api.Send(HttpMethod.Post, $"{store}/deals", token, new
        {
            customerId,
            terms = new { model = StoreFloor.Model, trim = StoreFloor.Trim, colour = floor.Colour, discount = 2_000m, depositKind = "Binding" },
        }, Key(me, n)));
        var deal = $"{store}/deals/{await Field(opened, "dealId")}";
        var submitted = await Json("sale: deal submitted", HttpMethod.Post, $"{deal}/submit", token, null);
        if (submitted.GetProperty("status").GetString() == "PendingApproval")
        {
            var approver = submitted.GetProperty("approval").GetProperty("tier").GetString() == "GeneralManager" ? "gm" : "sm";
            await Ok("sale: deal approved", HttpMethod.Post, $"{deal}/decision", floor.Tokens[approver], new { approve = true, note = "load" });
        }

        await Ok("sale: deal signed", HttpMethod.Post, $"{deal}/sign", token);
        var allocated = await Json("sale: car allocated", HttpMethod.Post, $"{deal}/vehicle", token, new { vin });
        var cashDue = allocated.GetProperty("figures").GetProperty("cashDue").GetDecimal();
        await Ok("sale: payment recorded", HttpMethod.Post, $"{deal}/payments", floor.Tokens["cashier"],
            new { kind = "Payment", method = "BankTransfer", amount = cashDue, reference = $"TT {me} {n}" }, Guid.NewGuid().ToString());
        await Ok("sale: invoice issued", HttpMethod.Post, $"{deal}/invoice", floor.Tokens["cashier"]);
        await Ok("sale: handover booked", HttpMethod.Post, $"{deal}/handover-slot", token, new { slot = DateTimeOffset.UtcNow.AddHours(7) });
        await Ok("sale: PDI signed", HttpMethod.Post, $"{deal}/pdi", floor.Tokens["tech"], new
        {
            items = Dealership.Contracts.Sales.Delivery.PdiChecklist.Select(name => new { name, passed = true }),
            mileage = 8,
        });
        await Ok("sale: delivery checks", HttpMethod.Post, $"{deal}/delivery-checks", token,
            new { configurationMatchesContract = true, warrantyExplained = true, maintenanceExplained = true });
        await Ok("sale: handover started", HttpMethod.Post, $"{deal}/handover/start", token);
        await Ok("sale: car delivered", HttpMethod.Post, $"{deal}/handover/complete", token, new { }, Guid.NewGuid().ToString());
        recorder.Acknowledge($"delivered {store} {deal.Split('/')[^1]} {vin}");
    }

    private async Task Ok(string name, HttpMethod method, string path, string token, object? body = null, string? key = null)
    {
        using var response = await recorder.Time(name, () => api.Send(method, path, token, body, key));
        if (!response.IsSuccessStatusCode)
        {
            throw new DayStepFailed(name);
        }
    }

    private async Task<JsonElement> Json(string name, HttpMethod method, string path, string token, object? body)
    {
        using var response = await recorder.Time(name, () => api.Send(method, path, token, body));
        if (!response.IsSuccessStatusCode)
        {
            throw new DayStepFailed(name);
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> Field(HttpResponseMessage response, string name) =>
        response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty(name).GetString()!
            : throw new DayStepFailed(name);

    private static string Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        foreach (var (step, weight) in Mix)
        {
            if ((roll -= weight) < 0)
            {
                return step;
            }
        }

        return Mix[0].Step;
    }

    private static string Any(List<string> items, Random random) => items[random.Next(items.Count)];

    private static string Key(string me, long n) => $"{me}-{n}-{Guid.NewGuid():N}";
}
