using System.Net;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The service advisor's day through the API on PostgreSQL (contract-checked): five customers booked into a busy day (one moved
/// to an alternative slot), one repair order with a supplement through work, the quality check and the handover, and the
/// follow-up call; the car's history and the department's numbers afterwards; bad input and another store's advisor refused.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class AdvisorDayApiTests(SystemFixture fixture)
{
    private const string Store = $"/api/stores/{Demo.Hexi}";

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static string At(DateOnly day, int hour, int minute = 0) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, minute)), Beijing).ToString("yyyy-MM-ddTHH:mm:sszzz");

    private static object Booking(string name, string mobile, string vin, string wantedAt, decimal hours, string concern = "regular service") =>
        new { customerName = name, mobile, vin, plate = (string?)null, concern, wantedAt, expectedHours = hours };

    private static async Task<string> NewPart(HttpClient planner, int onHand, decimal price)
    {
        var number = $"90915-{Random.Shared.Next(10_000, 99_999)}";
        await (await planner.Post($"{Store}/parts", new { partNumber = number, description = "Strut assembly, front", bin = "S-01", onHand, cost = price / 2, price }))
            .Json(HttpStatusCode.Created);
        return number;
    }

    [Fact]
    public async Task An_advisor_books_a_busy_day_runs_a_repair_order_with_a_supplement_to_handover_and_the_call_is_made()
    {
        using var advisor = fixture.A.Client(await fixture.A.SignIn("hexi-advisor"));
        using var tech = fixture.B.Client(await fixture.B.SignIn("hexi-tech"));
        using var tech2 = fixture.A.Client(await fixture.A.SignIn("hexi-tech2"));
        using var caller = fixture.B.Client(await fixture.B.SignIn("hexi-caller"));
        using var planner = fixture.A.Client(await fixture.A.SignIn("hexi-parts"));
        using var gm = fixture.A.Client(await fixture.A.SignIn("hexi-gm"));
        using var otherAdvisor = fixture.B.Client(await fixture.B.SignIn("chaoyang-advisor"));

        var workshop = await (await advisor.GetAsync($"{Store}/workshop")).Json(HttpStatusCode.OK);
        Assert.Equal(180m, workshop.GetProperty("settings").GetProperty("labourRate").GetDecimal());

        // The day after tomorrow, which no other test books: two staffed bays, hourly slots from 08:30.
        var day = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Beijing).DateTime).AddDays(2);
        var vin = NewVin();

        var bookingKey = Guid.NewGuid().ToString();
        var first = await advisor.Post($"{Store}/appointments", Booking("刘先生", "13812345678", vin, At(day, 9, 40), 2m, "rattle from the front left"),
            bookingKey);
        var firstBooked = await first.Json(HttpStatusCode.Created);
        var retried = await (await advisor.Post($"{Store}/appointments", Booking("刘先生", "13812345678", vin, At(day, 9, 40), 2m, "rattle from the front left"),
            bookingKey)).Json(HttpStatusCode.Created);
        Assert.Equal(firstBooked.GetProperty("appointmentId").GetString(), retried.GetProperty("appointmentId").GetString());
        await (await advisor.Post($"{Store}/appointments", Booking("刘先生", "13812345678", vin, At(day.AddDays(1), 9, 40), 2m), bookingKey))
            .Problem(HttpStatusCode.Conflict);
        Assert.Equal(At(day, 9, 30), firstBooked.GetProperty("slotStarts").GetString());
        Assert.Equal(first.Headers.Location!.OriginalString, $"{Store}/appointments/{firstBooked.GetProperty("appointmentId").GetString()}");
        await (await advisor.Post($"{Store}/appointments", Booking("陈女士", "13912345678", NewVin(), At(day, 9, 30), 1m))).Json(HttpStatusCode.Created);

        // 09:30 is full now: the refusal offers the least loaded slots that fit, and the advisor books the first.
        var full = await (await advisor.Post($"{Store}/appointments", Booking("赵先生", "13612345678", NewVin(), At(day, 9, 45), 1m))).Problem(HttpStatusCode.Conflict);
        Assert.Equal("slot-full", full.GetProperty("code").GetString());
        var alternatives = full.GetProperty("alternatives").EnumerateArray().Select(a => DateTimeOffset.Parse(a.GetString()!, global::System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(alternatives);
        Assert.DoesNotContain(DateTimeOffset.Parse(At(day, 9, 30), global::System.Globalization.CultureInfo.InvariantCulture), alternatives);
        var moved = await (await advisor.Post($"{Store}/appointments",
            Booking("赵先生", "13612345678", NewVin(), alternatives[0].ToOffset(Beijing).ToString("yyyy-MM-ddTHH:mm:sszzz"), 1m))).Json(HttpStatusCode.Created);
        await (await advisor.Post($"{Store}/appointments", Booking("孙女士", "13712345678", NewVin(), At(day, 14), 1.5m))).Json(HttpStatusCode.Created);
        await (await advisor.Post($"{Store}/appointments", Booking("周先生", "13512345678", NewVin(), At(day, 15), 0.5m))).Json(HttpStatusCode.Created);

        var schedule = await (await advisor.GetAsync($"{Store}/workshop/days/{day:yyyy-MM-dd}")).Json(HttpStatusCode.OK);
        Assert.Equal(5, schedule.GetProperty("appointments").GetArrayLength());
        Assert.Equal(6m, schedule.GetProperty("bookedHours").GetDecimal());
        var nineThirty = schedule.GetProperty("slots").EnumerateArray().Single(s => s.GetProperty("starts").GetString() == At(day, 9, 30));
        Assert.Equal((2m, 2m), (nineThirty.GetProperty("capacityHours").GetDecimal(), nineThirty.GetProperty("bookedHours").GetDecimal()));
        var suggested = await (await advisor.GetAsync($"{Store}/workshop/suggestions?wantedAt={Uri.EscapeDataString(At(day, 9, 30))}&hours=1")).Json(HttpStatusCode.OK);
        Assert.DoesNotContain(suggested.GetProperty("items").EnumerateArray(), s => s.GetProperty("starts").GetString() == At(day, 9, 30));
        Assert.NotEqual(moved.GetProperty("slotStarts").GetString(), At(day, 9, 30));

        // Bad input names the field and books nothing; a technician does not book.
        var bad = await (await advisor.Post($"{Store}/appointments", Booking("吴先生", "12345", NewVin(), At(day, 11), 1m))).Problem(HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("mobile", out _));
        await (await tech.Post($"{Store}/appointments", Booking("吴先生", "13412345678", NewVin(), At(day, 11), 1m))).Problem(HttpStatusCode.Forbidden);

        // The first customer arrives: the repair order opens from the appointment.
        var arrival = new
        {
            appointmentId = firstBooked.GetProperty("appointmentId").GetString(),
            customerName = "刘先生",
            mobile = "138 1234 5678",
            vin,
            plate = "津a12345",
            odometer = 10_240,
            concern = "rattle from the front left; 10,000 km service",
        };
        var openKey = Guid.NewGuid().ToString();
        var opened = await advisor.Post($"{Store}/repair-orders", arrival, openKey);
        var order = await opened.Json(HttpStatusCode.Created);
        var ro = opened.Headers.Location!.OriginalString;
        var openedAgain = await advisor.Post($"{Store}/repair-orders", arrival, openKey); // the retry, as typed
        Assert.Equal(ro, openedAgain.Headers.Location!.OriginalString);
        Assert.Equal(("13812345678", "津A12345"), (order.GetProperty("arrival").GetProperty("mobile").GetString(),
            order.GetProperty("arrival").GetProperty("plate").GetString()));

        // A labour line without its hours is refused naming it, and nothing is quoted.
        var noHours = await (await advisor.Post($"{ro}/lines", new { lines = new object[] { new { kind = "Labour", operation = "Check", reason = "asked" } } }))
            .Problem(HttpStatusCode.BadRequest);
        Assert.True(noHours.GetProperty("errors").TryGetProperty("lines[0].hours", out _));
        Assert.Equal(0, (await (await advisor.GetAsync(ro)).Json(HttpStatusCode.OK)).GetProperty("lines").GetArrayLength());
        Assert.Equal("Open", order.GetProperty("status").GetString());
        var struts = await NewPart(planner, onHand: 4, price: 820m);

        order = await (await advisor.Post($"{ro}/lines", new
        {
            lines = new object[]
            {
                new { kind = "Labour", operation = "10,000 km service", hours = 1.0m, technicianId = "hexi-tech", reason = "due at 10,000 km" },
                new { kind = "Labour", operation = "Diagnose front-left rattle", hours = 0.5m, reason = "customer's concern" },
            },
        })).Json(HttpStatusCode.OK);
        Assert.Equal(270m, order.GetProperty("lines").EnumerateArray().Sum(l => l.GetProperty("amount").GetDecimal())); // 1.5 h at 180
        await (await advisor.PostAsync($"{ro}/estimate", null)).Json(HttpStatusCode.OK);
        await (await tech.PostAsync($"{ro}/start", null)).Problem(HttpStatusCode.Conflict); // not approved yet
        order = await (await advisor.Post($"{ro}/approvals/0", new { approvedByName = "刘先生", method = "Signature", reference = "EST-0001" })).Json(HttpStatusCode.OK);
        Assert.Equal("Approved", order.GetProperty("status").GetString());
        Assert.Equal("InProgress", (await (await tech.PostAsync($"{ro}/start", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString());

        await (await tech.PostAsync($"{ro}/lines/1/clock-on", null)).Json(HttpStatusCode.OK);
        await (await tech.Post($"{ro}/lines/1/clock-off", new { done = true })).Json(HttpStatusCode.OK);
        await (await tech.PostAsync($"{ro}/lines/2/clock-on", null)).Json(HttpStatusCode.OK);
        await (await tech.Post($"{ro}/lines/2/clock-off", new { done = true })).Json(HttpStatusCode.OK);

        // The rattle is a leaking strut: added work, approved on the phone before it is done.
        order = await (await advisor.Post($"{ro}/lines", new
        {
            lines = new object[]
            {
                new { kind = "Labour", operation = "Replace front-left strut", hours = 1.5m, technicianId = "hexi-tech2", reason = "strut leaking: the rattle" },
                new { kind = "Part", partNumber = struts, quantity = 1, reason = "strut leaking: the rattle" },
            },
            finding = "front-left strut leaking oil",
        })).Json(HttpStatusCode.OK);
        Assert.Equal(1, order.GetProperty("supplements").GetArrayLength());
        await (await tech2.PostAsync($"{ro}/lines/3/clock-on", null)).Problem(HttpStatusCode.Conflict); // not approved: not done
        await (await advisor.PostAsync($"{ro}/quality-check/request", null)).Problem(HttpStatusCode.Conflict);
        order = await (await advisor.Post($"{ro}/approvals/1", new { approvedByName = "刘先生", method = "Phone", reference = "call 10:42" })).Json(HttpStatusCode.OK);
        Assert.Equal(1, order.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("number").GetInt32() == 4).GetProperty("issued").GetInt32());
        await (await tech2.PostAsync($"{ro}/lines/3/clock-on", null)).Json(HttpStatusCode.OK);
        await (await tech2.Post($"{ro}/lines/3/clock-off", new { done = true })).Json(HttpStatusCode.OK);
        Assert.Equal("QualityCheck", (await (await tech2.PostAsync($"{ro}/quality-check/request", null)).Json(HttpStatusCode.OK)).GetProperty("status").GetString());

        // The technicians who worked on the car do not check it; the advisor does.
        var checklist = new { items = new[] { new { item = "road test: no rattle", passed = true }, new { item = "no leaks", passed = true } } };
        await (await tech.Post($"{ro}/quality-check", checklist)).Problem(HttpStatusCode.Forbidden);
        await (await advisor.Post($"{ro}/quality-check", checklist)).Json(HttpStatusCode.OK);
        await (await tech.PostAsync($"{ro}/wash", null)).Json(HttpStatusCode.OK);
        var ready = await (await advisor.PostAsync($"{ro}/invoice", null)).Json(HttpStatusCode.OK);
        var invoice = ready.GetProperty("invoice");
        Assert.Equal((540m, 820m, 1360m), (invoice.GetProperty("labourTotal").GetDecimal(), invoice.GetProperty("partsTotal").GetDecimal(),
            invoice.GetProperty("total").GetDecimal()));
        Assert.All(invoice.GetProperty("labour").EnumerateArray(), l => Assert.False(string.IsNullOrEmpty(l.GetProperty("reason").GetString())));
        var wrong = await (await advisor.Post($"{ro}/handover", new { paidWith = "WeChatPay", amount = 1000m })).Problem(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("amount-mismatch", wrong.GetProperty("code").GetString());
        var delivered = await (await advisor.Post($"{ro}/handover", new { paidWith = "WeChatPay", amount = 1360m, nextVisit = day.AddMonths(6).ToString("yyyy-MM-dd") }))
            .Json(HttpStatusCode.OK);
        Assert.Equal("Delivered", delivered.GetProperty("status").GetString());
        var part = await (await planner.GetAsync($"{Store}/parts/{struts}")).Json(HttpStatusCode.OK);
        Assert.Equal((3, 0), (part.GetProperty("onHand").GetInt32(), part.GetProperty("reserved").GetInt32()));

        // The follow-up call: due three days after handover, for the caller; the advisor who served may not record it.
        var roId = delivered.GetProperty("repairOrderId").GetString()!;
        var task = (await caller.All($"{Store}/tasks?role=CustomerServiceCaller&status=Open")).EnumerateArray()
            .Single(t => t.GetProperty("refs").TryGetProperty("repairOrderId", out var id) && id.GetString() == roId);
        var due = DateTimeOffset.Parse(task.GetProperty("due").GetString()!, global::System.Globalization.CultureInfo.InvariantCulture);
        var handedOver = DateTimeOffset.Parse(delivered.GetProperty("deliveredAt").GetString()!, global::System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(handedOver.AddDays(3), due);
        var call = $"{Store}/service-calls/{task.GetProperty("taskId").GetString()}";
        await (await advisor.Post($"{call}/outcome", new { outcome = "Satisfied" })).Problem(HttpStatusCode.Forbidden);
        var sheet = await (await caller.GetAsync(call)).Json(HttpStatusCode.OK);
        Assert.Equal("13812345678", sheet.GetProperty("mobile").GetString());
        var recorded = await (await caller.Post($"{call}/outcome", new { outcome = "Satisfied", note = "rattle gone, happy" })).Json(HttpStatusCode.OK);
        Assert.True(recorded.GetProperty("done").GetBoolean());
        await (await advisor.PostAsync($"{ro}/close", null)).Json(HttpStatusCode.OK);

        // The car's record and the list; another store's advisor sees neither.
        var history = await (await advisor.GetAsync($"{Store}/service/history?vin={vin}")).Json(HttpStatusCode.OK);
        Assert.Equal(10_240, history.GetProperty("lastOdometer").GetInt32());
        Assert.Equal(roId, history.GetProperty("visits")[0].GetProperty("repairOrderId").GetString());
        Assert.Equal("138****5678", history.GetProperty("visits")[0].GetProperty("maskedMobile").GetString());
        await (await otherAdvisor.GetAsync(ro)).Problem(HttpStatusCode.Forbidden);
        await (await otherAdvisor.GetAsync($"{Store}/service/history?vin={vin}")).Problem(HttpStatusCode.Forbidden);
        var numbers = await (await gm.GetAsync($"{Store}/service/numbers?from={DateTimeOffset.UtcNow.ToOffset(Beijing):yyyy-MM-dd}&to={day:yyyy-MM-dd}"))
            .Json(HttpStatusCode.OK);
        Assert.True(numbers.GetProperty("delivered").GetInt32() >= 1);
        Assert.Contains(numbers.GetProperty("days").EnumerateArray(), d => d.GetProperty("day").GetString() == $"{day:yyyy-MM-dd}" && d.GetProperty("bookedHours").GetDecimal() >= 6m);
        await (await gm.GetAsync($"{Store}/service/numbers?from=2026-13-01")).Problem(HttpStatusCode.BadRequest);
    }

    private static string NewVin() => TestVins.New("LVGBE40K0T");
}
