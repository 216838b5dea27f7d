using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dealership.Benchmarks;

namespace Dealership.Load;

/// <summary>
/// A dealer group's day on the sales floor, the parts counter and in the workshop, played by every consultant of every store at
/// once: each picks its next step by the day's mix (a fixed seed per consultant, so two runs ask the same of the system), and
/// the store's manager, cashier, technician and parts planner act where the step needs them. Each store's service bay (its
/// advisor and technician) takes one car after another through a repair order. Workers spread over the gateways given.
/// </summary>
public sealed class MixedDay(IReadOnlyList<Api> gateways, IReadOnlyList<StoreFloor> floors, Recorder recorder, int seed)
{
    /// <summary>The mix: what share of a consultant's steps each kind of work is.</summary>
    private static readonly (string Step, int Weight)[] Mix =
    [
        ("walk-in", 25), ("follow-up", 15), ("customer card", 10), ("status", 10), ("board", 15), ("test drive", 5), ("parts", 15), ("sale", 5),
    ];

    private static readonly int TotalWeight = Mix.Sum(m => m.Weight);

    /// <summary>
    /// How long a write whose outcome is unknown (503, or no answer) is sent again with its Idempotency-Key, as a careful client
    /// does. The pause between tries is short (not the 5 s Retry-After asks) so that a fault's end is timed finely.
    /// </summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(200);

    public async Task Run(TimeSpan length)
    {
        var stopAt = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
        var workers = floors.SelectMany(f => f.Consultants.Select(c => (Floor: f, Consultant: c))).ToList();
        var consultants = workers.Select((w, i) => Task.Run(() => Consultant(gateways[i % gateways.Count], w.Floor, w.Consultant, new Random(seed * 1_000 + i), stopAt)));
        var bays = floors.Select((f, i) => Task.Run(() => ServiceBay(gateways[i % gateways.Count], f, new Random(seed * 1_000 + 999 - i), stopAt)));
        await Task.WhenAll(consultants.Concat(bays));
    }

    private async Task Consultant(Api api, StoreFloor floor, string me, Random random, long stopAt)
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
                        var customerId = await WalkIn(api, floor, store, token, me, random);
                        prospects.Add(customerId);
                        if (prospects.Count > 50)
                        {
                            prospects.RemoveAt(0);
                        }

                        break;
                    case "follow-up":
                        var prospect = Any(prospects, random);
                        var note = $"Load follow-up {me} {n}";
                        await Write(api, "follow-up logged", $"{store}/customers/{prospect}/follow-ups", token, new { channel = "phone", note, grade = "A" });
                        recorder.Acknowledge("follow-up", floor.StoreId, prospect, note);
                        break;
                    case "customer card":
                        await Read(api, "customer card read", $"{store}/customers/{Any(prospects, random)}", token);
                        break;
                    case "status":
                        await Write(api, "consultant status set", $"{store}/consultants/{me}/status", token, new { status = n % 2 == 0 ? "Available" : "WithCustomer" });
                        break;
                    case "board":
                        await Read(api, "floor board read (up next)", $"{store}/showroom/up-next", token);
                        break;
                    case "test drive":
                        await TestDrive(api, floor, store, token, Any(prospects, random), random);
                        break;
                    case "parts":
                        var part = floor.Parts[random.Next(floor.Parts.Count)];
                        var receipt = random.Next(3) == 0;
                        var movementNote = receipt ? $"GR {me} {n}" : $"{me} {n}";
                        await Write(api, receipt ? "part received" : "part issued", $"{store}/parts/{part}/movements", floor.Tokens["parts"],
                            receipt ? new { quantity = 5, reason = "Receipt", note = movementNote, unitCost = 20m } : (object)new { quantity = -1, reason = "CounterSale", note = movementNote });
                        recorder.Acknowledge("part movement", floor.StoreId, part, $"{(receipt ? 5 : -1)} {movementNote}");
                        break;
                    case "sale":
                        var buyer = Any(prospects, random);
                        prospects.Remove(buyer); // a customer with a deal is not a prospect any more
                        await Sale(api, floor, store, token, buyer, me, n);
                        break;
                }
            }
            catch (DayStepFailed)
            {
                // Recorded as an error of its step; the consultant goes on with the day.
            }
        }
    }

    private async Task<string> WalkIn(Api api, StoreFloor floor, string store, string token, string me, Random random)
    {
        var visit = await Write(api, "walk-in logged", $"{store}/showroom-register", token, new
        {
            kind = "Visit",
            source = "WalkIn",
            customerName = "Load visitor",
            mobile = $"139{random.Next(0, 100_000_000):D8}",
            partySize = 1,
            consultantId = me,
            grade = "H",
            modelOfInterest = StoreFloor.Model,
        });
        var customerId = visit.GetProperty("customerId").GetString()!;
        recorder.Acknowledge("walk-in", floor.StoreId, customerId);
        return customerId;
    }

    private async Task TestDrive(Api api, StoreFloor floor, string store, string token, string customerId, Random random)
    {
        var car = floor.DemoCars[random.Next(floor.DemoCars.Count)];
        var drive = await Write(api, "test drive started", $"{store}/test-drives", token, new
        {
            customerId,
            vin = car,
            licenceNumber = "11010519850612301X",
            licenceExpiry = "2031-06-12",
            startMileage = 10,
        }, refusal: HttpStatusCode.Conflict);
        if (drive.ValueKind == JsonValueKind.Undefined)
        {
            return; // the car or the consultant is out already: one winner, as on a real floor
        }

        await Write(api, "test drive ended", $"{store}/test-drives/{drive.GetProperty("driveId").GetString()}/end", token, new { endMileage = 18 });
    }

    /// <summary>A sale from the deal to the handover: consultant, manager, cashier and technician each on their own step.</summary>
    private async Task Sale(Api api, StoreFloor floor, string store, string token, string customerId, string me, long n)
    {
        if (!floor.CarsToSell.TryDequeue(out var vin))
        {
            return; // the store has sold every car set up for the run
        }

        string deal;
        try
        {
            var opened = await Write(api, "sale: deal opened", $"{store}/deals", token, new
            {
                customerId,
                terms = new { model = StoreFloor.Model, trim = StoreFloor.Trim, colour = floor.Colour, discount = 2_000m, depositKind = "Binding" },
            });
            deal = $"{store}/deals/{opened.GetProperty("dealId").GetString()}";
            var submitted = await Write(api, "sale: deal submitted", $"{deal}/submit", token, null, deal);
            if (submitted.GetProperty("status").GetString() == "PendingApproval")
            {
                var approver = submitted.GetProperty("approval").GetProperty("tier").GetString() == "GeneralManager" ? "gm" : "sm";
                await Write(api, "sale: deal approved", $"{deal}/decision", floor.Tokens[approver], new { approve = true, note = "load" }, deal);
            }

            await Write(api, "sale: deal signed", $"{deal}/sign", token, null, deal);
        }
        catch (DayStepFailed)
        {
            floor.CarsToSell.Enqueue(vin); // no deal holds the car yet
            throw;
        }

        JsonElement allocated;
        try
        {
            allocated = await Write(api, "sale: car allocated", $"{deal}/vehicle", token, new { vin }, deal, HttpStatusCode.Conflict);
        }
        catch (DayStepFailed)
        {
            // Unknown whether this deal holds the car: it goes back on the lot, and a colleague's deal that tries it must be
            // refused if this one has it (the check after a fault: no VIN sold twice).
            floor.CarsToSell.Enqueue(vin);
            throw;
        }

        if (allocated.ValueKind == JsonValueKind.Undefined)
        {
            return; // refused: another deal holds this car
        }

        var cashDue = allocated.GetProperty("figures").GetProperty("cashDue").GetDecimal();
        await Write(api, "sale: payment recorded", $"{deal}/payments", floor.Tokens["cashier"],
            new { kind = "Payment", method = "BankTransfer", amount = cashDue, reference = $"TT {me} {n}" }, deal);
        await Write(api, "sale: invoice issued", $"{deal}/invoice", floor.Tokens["cashier"], null, deal);
        await Write(api, "sale: handover booked", $"{deal}/handover-slot", token, new { slot = DateTimeOffset.UtcNow.AddHours(7) }, deal);
        await Write(api, "sale: PDI signed", $"{deal}/pdi", floor.Tokens["tech"], new
        {
            items = Dealership.Contracts.Sales.Delivery.PdiChecklist.Select(name => new { name, passed = true }),
            mileage = 8,
        }, deal);
        await Write(api, "sale: delivery checks", $"{deal}/delivery-checks", token,
            new { configurationMatchesContract = true, warrantyExplained = true, maintenanceExplained = true }, deal);
        await Write(api, "sale: handover started", $"{deal}/handover/start", token, null, deal);
        await Write(api, "sale: car delivered", $"{deal}/handover/complete", token, new { }, deal);
        recorder.Acknowledge("delivery", floor.StoreId, deal.Split('/')[^1], vin);
    }

    /// <summary>The store's service bay: one car after another from arrival to handover, a labour line and a part from the shelf.</summary>
    private async Task ServiceBay(Api api, StoreFloor floor, Random random, long stopAt)
    {
        var store = $"/api/stores/{floor.StoreId}";
        var (advisor, tech) = (floor.Tokens["advisor"], floor.Tokens["tech"]);
        while (Stopwatch.GetTimestamp() < stopAt)
        {
            try
            {
                var opened = await Write(api, "repair: order opened", $"{store}/repair-orders", advisor, new
                {
                    customerName = "Load service customer",
                    mobile = $"137{random.Next(0, 100_000_000):D8}",
                    vin = StoreFloor.NewVin(random),
                    plate = $"京L{random.Next(10_000, 99_999)}",
                    odometer = random.Next(5_000, 60_000),
                    concern = "10,000 km service",
                    expectedHours = 0.25m,
                }, refusal: HttpStatusCode.Conflict);
                if (opened.ValueKind == JsonValueKind.Undefined)
                {
                    return; // the workshop is full for the rest of the day (the last quarter hour before midnight)
                }

                var id = opened.GetProperty("repairOrderId").GetString()!;
                var ro = $"{store}/repair-orders/{id}";
                var part = floor.Parts[random.Next(floor.Parts.Count)];
                await Write(api, "repair: work quoted", $"{ro}/lines", advisor, new
                {
                    lines = new object[]
                    {
                        new { kind = "Labour", operation = "10,000 km service", hours = 1.0m, technicianId = floor.Member("tech"), reason = "due at 10,000 km" },
                        new { kind = "Part", partNumber = part, quantity = 1, reason = "oil filter due" },
                    },
                }, ro);
                await Write(api, "repair: estimate given", $"{ro}/estimate", advisor, null, ro);
                await Write(api, "repair: customer approved", $"{ro}/approvals/0", advisor, new { approvedByName = "Load service customer", method = "Signature", reference = "EST" }, ro);
                await Write(api, "repair: work started", $"{ro}/start", tech, null, ro);
                await Write(api, "repair: clocked on", $"{ro}/lines/1/clock-on", tech, null, ro);
                await Write(api, "repair: clocked off", $"{ro}/lines/1/clock-off", tech, new { done = true }, ro);
                await Write(api, "repair: quality check asked", $"{ro}/quality-check/request", tech, null, ro);
                await Write(api, "repair: quality checked", $"{ro}/quality-check", advisor, new { items = new[] { new { item = "road test", passed = true } } }, ro);
                await Write(api, "repair: car washed", $"{ro}/wash", tech, null, ro);
                var invoiced = await Write(api, "repair: invoice issued", $"{ro}/invoice", advisor, null, ro);
                var total = invoiced.GetProperty("invoice").GetProperty("total").GetDecimal();
                await Write(api, "repair: car handed over", $"{ro}/handover", advisor, new { paidWith = "WeChatPay", amount = total }, ro);
                recorder.Acknowledge("repair order", floor.StoreId, id, part);
            }
            catch (DayStepFailed)
            {
                // Recorded as an error of its step; the bay takes the next car.
            }
        }
    }

    /// <summary>
    /// A write as a careful client sends it: with an Idempotency-Key, sent again with the same key while its outcome is unknown
    /// (503, or no answer) for up to <see cref="RetryFor"/>. A conflict after an unknown outcome is the first try having done it
    /// (a step without a key of its own, such as signing, cannot be done twice): then the record at <paramref name="record"/> is
    /// read. Answers the body; Undefined when refused with <paramref name="refusal"/> (a refusal the day expects).
    /// </summary>
    private async Task<JsonElement> Write(Api api, string name, string path, string token, object? body, string? record = null, HttpStatusCode? refusal = null)
    {
        var key = Guid.NewGuid().ToString("N");
        var giveUpAt = 0L;
        var unknown = false;
        while (true)
        {
            try
            {
                using var response = refusal is { } expected
                    ? await recorder.Time(name, () => api.Send(HttpMethod.Post, path, token, body, key), expected)
                    : await recorder.Time(name, () => api.Send(HttpMethod.Post, path, token, body, key));
                if (response.IsSuccessStatusCode)
                {
                    return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
                }

                if (unknown && response.StatusCode == HttpStatusCode.Conflict && record is not null)
                {
                    return await Read(api, name + " (read after an unknown outcome)", record, token);
                }

                if (response.StatusCode == refusal)
                {
                    return default;
                }

                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new DayStepFailed(name);
                }
            }
            catch (DayStepFailed failed) when (!failed.UnknownOutcome)
            {
                throw;
            }
            catch (DayStepFailed)
            {
                // No answer: as unknown as a 503.
            }

            unknown = true;
            var now = Stopwatch.GetTimestamp();
            giveUpAt = giveUpAt == 0 ? now + (long)(RetryFor.TotalSeconds * Stopwatch.Frequency) : giveUpAt;
            if (now >= giveUpAt)
            {
                throw new DayStepFailed(name, unknownOutcome: true);
            }

            await Task.Delay(RetryPause);
        }
    }

    private async Task<JsonElement> Read(Api api, string name, string path, string token)
    {
        using var response = await recorder.Time(name, () => api.Send(HttpMethod.Get, path, token));
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : throw new DayStepFailed(name);
    }

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
}
