using Dealership.Contracts.Common;
using Dealership.Contracts.Performance;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace Dealership.Grains.Targets;

/// <summary>
/// The sales manager's day, made from the records when asked: each consultant's deliveries, test drives and follow-ups with
/// their clashes (<see cref="DayPlanRules"/>), and the morning meeting's sheet around it (the daily report of yesterday, approvals).
/// </summary>
[StatelessWorker]
public sealed class ManagersDayGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IManagersDayGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<DailyPlan>> Plan(DateOnly day)
    {
        if (Roles.Refused("read the daily plan", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        return await PlanOf(day, await Zone());
    }

    public async Task<Outcome<MorningMeeting>> MorningMeeting(DateOnly day)
    {
        if (Roles.Refused("read the morning meeting's sheet", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var zone = await Zone();
        if (day > StoreFacts.LocalDate(clock.GetUtcNow(), zone))
        {
            return Problem.Invalid("day", "is in the future: the morning meeting is held on the day, from yesterday's numbers.");
        }

        var plan = await PlanOf(day, zone);
        if (!plan.IsOk)
        {
            return plan.Problem!;
        }

        var yesterday = await GrainFactory.GetGrain<IDailyReportGrain>(GrainKeys.Store(StoreId)).Get(day.AddDays(-1));
        if (!yesterday.IsOk)
        {
            return yesterday.Problem!;
        }

        var approvals = await ApprovalsWaiting();
        return new MorningMeeting(StoreId, day, yesterday.Value!, plan.Value!, approvals);
    }

    public async Task<Outcome<MeetingSheet>> Meeting(MeetingKind kind, DateOnly day)
    {
        if (Roles.Refused("read the meeting's sheet", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var zone = await Zone();
        if (!Enum.IsDefined(kind))
        {
            return Problem.Invalid("kind", "must be Weekly or Monthly.");
        }

        if (day > StoreFacts.LocalDate(clock.GetUtcNow(), zone) || day < new DateOnly(2000, 2, 1))
        {
            return Problem.Invalid("day", "must be a day from 2000 to today: the meeting reviews the week or month before it.");
        }

        // The meeting looks back on the week (or month) before the one it is held in, and ahead to the rest of its own.
        var (period, ahead) = kind == MeetingKind.Weekly
            ? (ReviewPeriod.WeekOf(day.AddDays(-7)), ReviewPeriod.WeekOf(day))
            : (ReviewPeriod.MonthOf(new DateOnly(day.Year, day.Month, 1).AddMonths(-1)), ReviewPeriod.MonthOf(day));
        var atClose = await GrainFactory.GetGrain<IDailyReportGrain>(GrainKeys.Store(StoreId)).Get(period.To);
        if (!atClose.IsOk)
        {
            return atClose.Problem!;
        }

        var cards = await GrainFactory.GetGrain<IScorecardGrain>(GrainKeys.Store(StoreId)).Get(period.Name);
        if (!cards.IsOk)
        {
            return cards.Problem!;
        }

        var figures = await GrainFactory.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(StoreId)).Range(period.From, period.To);
        var booked = await database.First(ManagersDaySql.Ahead, r => (Deliveries: r.GetInt32(0), TestDrives: r.GetInt32(1)), StoreId,
            StoreFacts.StartOf(day, zone), StoreFacts.StartOf(ahead.To.AddDays(1), zone));
        var approvals = await ApprovalsWaiting();
        return new MeetingSheet(StoreId, kind, period.Name, period.From, period.To, figures, atClose.Value!, cards.Value!.Consultants, ahead.Name,
            booked.Deliveries, booked.TestDrives, approvals);
    }

    private async Task<Outcome<DailyPlan>> PlanOf(DateOnly day, TimeZoneInfo zone)
    {
        var now = clock.GetUtcNow();
        if (day < new DateOnly(2000, 1, 1) || day > StoreFacts.LocalDate(now, zone).AddDays(366))
        {
            return Problem.Invalid("day", "must be a day from 2000 to a year ahead.");
        }

        var (start, end) = (StoreFacts.StartOf(day, zone), StoreFacts.StartOf(day.AddDays(1), zone));
        var items = new List<(string Consultant, PlanItem Item)>();
        items.AddRange(await database.List(ManagersDaySql.Deliveries, r =>
        {
            var slot = r.GetFieldValue<DateTimeOffset>(4);
            return (r.GetString(1), new PlanItem(PlanItemKind.Delivery, r.GetString(0), slot, slot + DayPlanRules.HandoverLength, r.GetString(2), r.GetString(3)));
        }, StoreId, start, end));
        items.AddRange(await database.List(ManagersDaySql.TestDrives, r => (r.GetString(1), new PlanItem(PlanItemKind.TestDrive, r.GetString(0),
            r.GetFieldValue<DateTimeOffset>(4), r.GetFieldValue<DateTimeOffset>(5), r.GetString(2), Sql.Text(r, 3))), StoreId, start, end));
        items.AddRange(await database.List(ManagersDaySql.FollowUps, r => (r.GetString(1), new PlanItem(PlanItemKind.FollowUp, r.GetString(0),
            null, null, r.GetString(2), Sql.Text(r, 3))), StoreId, start, end));
        var overdue = (await database.List(ManagersDaySql.Overdue, r => (Consultant: r.GetString(0), Count: r.GetInt32(1)), StoreId, start))
            .ToDictionary(o => o.Consultant, o => o.Count, StringComparer.Ordinal);
        var consultants = items.Select(i => i.Consultant).Union(overdue.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var theirs = DayPlanRules.InOrder(items.Where(i => i.Consultant == id).Select(i => i.Item));
                // Test drives booked without a consultant are different people's cars: they never clash with each other.
                return new ConsultantPlan(id, theirs, id.Length == 0 ? [] : DayPlanRules.Clashes(theirs), overdue.GetValueOrDefault(id));
            });
        return new DailyPlan(StoreId, day, [.. consultants], now);
    }

    private async Task<TimeZoneInfo> Zone() => StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId));

    /// <summary>The deals waiting for approval, oldest first, as the morning and the weekly/monthly sheets list them.</summary>
    private Task<List<ApprovalWaiting>> ApprovalsWaiting() => database.List(ManagersDaySql.Approvals,
        r => new ApprovalWaiting(r.GetString(0), Sql.Text(r, 1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4)), StoreId);
}
