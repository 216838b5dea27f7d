using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Tasks;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Partners;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Reports;

public sealed class WeeklyReportState : RecordedState
{
    public WeeklyReportView? Report { get; set; }
    public string? ClerkTaskId { get; set; }
}

/// <summary>A store's weekly report for one deadline: a draft the calendar prepares, the clerk reviews and submits.</summary>
public sealed class WeeklyReportGrain(
    [PersistentState("weekly-report", GrainsSetup.StorageName)] IPersistentState<WeeklyReportState> state,
    OperationLog operations,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IWeeklyReportGrain, IScopedGrain
{

    private (string StoreId, string Name) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private string Week => GrainKeys.WeeklyReportWeek(Key.Name);

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<WeeklyReportView> Prepare(DateTimeOffset deadline)
    {
        if (state.State.Report is { Status: WeeklyReportStatus.Submitted } submitted)
        {
            return submitted;
        }

        await Build(deadline);
        if (state.State.ClerkTaskId is null)
        {
            var task = await Tasks.Add(new TaskDraft($"weekly-{Week}:submit", "weekly-report",
                $"Review and submit the weekly report due {Week}", null,
                StaffRole.SalesInformationClerk, deadline, new Dictionary<string, string> { ["week"] = Week }));
            state.State.ClerkTaskId = task.TaskId;
        }

        await Save();
        return state.State.Report!;
    }

    public async Task<bool> FlagLateIfUnsubmitted()
    {
        if (state.State.Report is not { Status: WeeklyReportStatus.Draft, Late: false } draft)
        {
            return false;
        }

        state.State.Report = draft with { Late = true, Revision = draft.Revision + 1 };
        await Save();
        await Tasks.Add(new TaskDraft($"weekly-{Week}:late", "weekly-report-late", $"The weekly report due {Week} was not submitted on time",
            null, StaffRole.SalesManager, clock.GetUtcNow(), new Dictionary<string, string> { ["week"] = Week }));
        return true;
    }

    public Task<Outcome<WeeklyReportView>> Get() =>
        Task.FromResult(state.State.Report is { } r ? r : (Outcome<WeeklyReportView>)NotFound());

    public async Task<Outcome<WeeklyReportView>> Refresh()
    {
        if (state.State.Report is not { } report)
        {
            return NotFound();
        }

        if (Roles.Refused("refresh the weekly report", RoleSets.Clerk) is { } refused)
        {
            return refused;
        }

        if (report.Status == WeeklyReportStatus.Submitted)
        {
            return Problem.Conflict("report-submitted", "A submitted report is kept as it was submitted.");
        }

        await Build(report.Deadline);
        await Save();
        return state.State.Report!;
    }

    public async Task<Outcome<WeeklyReportView>> Submit(string? note, string? operationId)
    {
        var errors = new FieldErrors().MaxLength("note", note, 1000);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Submit), note);
        if (await operations.Replay<WeeklyReportView>(Key.StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (state.State.Report is not { } report)
        {
            return NotFound();
        }

        if (Roles.Refused("submit the weekly report", RoleSets.Clerk) is { } refused)
        {
            return refused;
        }

        if (report.Status == WeeklyReportStatus.Submitted)
        {
            return Problem.Conflict("report-submitted", "This weekly report was already submitted.");
        }

        var now = clock.GetUtcNow();
        state.State.Report = report with
        {
            Status = WeeklyReportStatus.Submitted,
            Late = report.Late || now > report.Deadline,
            SubmittedAt = now,
            SubmittedBy = Audit.Who,
            Note = note,
            Revision = report.Revision + 1,
        };
        if (OperationLog.Record(Key.StoreId, operationId, fingerprint, state.State.Report, "SubmitWeeklyReport") is { } operation)
        {
            state.State.Pending.Add(operation);
        }

        var groupId = await storeGroups.GroupOf(Key.StoreId) ?? "";
        state.State.Pending.Add(new AuditRow(groupId, Key.StoreId, "weekly-report", Week, now, Audit.Who,
            $"weekly report {Week} submitted{(state.State.Report.Late ? " late" : "")}"));
        var sales = state.State.Report.Sales;
        state.State.Pending.Add(PartnerEvents.Of(groupId, Key.StoreId, WebhookEventTypes.WeeklyReportSubmitted, Week, now, new
        {
            week = Week,
            state.State.Report.PeriodFrom,
            state.State.Report.PeriodTo,
            state.State.Report.Late,
            submittedAt = now,
            sales,
        }));
        await Save();
        if (state.State.ClerkTaskId is { } taskId)
        {
            await Tasks.Complete(taskId, $"submitted{(state.State.Report.Late ? " late" : "")}");
        }

        return state.State.Report;
    }

    /// <summary>The week's sales (counted from its sales facts) and the stock list as it stands now.</summary>
    private async Task Build(DateTimeOffset deadline)
    {
        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId));
        var to = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(deadline, zone).DateTime);
        var from = to.AddDays(-6);
        var week = await GrainFactory.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(Key.StoreId)).Range(from, to);
        var sales = week with
        {
            RecordRate = null,
            TestDriveRate = null,
            ClosingRate = null,
            AccessoryPenetration = null,
            InsurancePenetration = null,
            FinancePenetration = null,
            FollowUpsOverdue = 0,
        };
        var stock = (await GrainFactory.GetGrain<IVehicleListGrain>(GrainKeys.Store(Key.StoreId)).Stock(StockFilter.All, PageRequest.All)).Value!;
        var previous = state.State.Report;
        state.State.Report = new WeeklyReportView(Key.StoreId, Week, deadline, from, to, WeeklyReportStatus.Draft, previous?.Late ?? false,
            clock.GetUtcNow(), null, null, null, sales, stock, (previous?.Revision ?? 0) + 1);
    }

    /// <summary>The report, with its row on the store's report list, in one write.</summary>
    private async Task Save()
    {
        var r = state.State.Report!;
        state.State.Pending.Add(new WeeklyReportRow(await storeGroups.GroupOf(Key.StoreId) ?? "", Key.StoreId,
            new WeeklyReportSummary(r.Week, r.Deadline, r.Status, r.Late, r.SubmittedAt, r.Revision)));
        await state.WriteStateAsync();
    }

    private IStoreTasksGrain Tasks => GrainFactory.GetGrain<IStoreTasksGrain>(GrainKeys.Store(Key.StoreId));

    private Problem NotFound() => Problem.NotFound($"Weekly report '{Week}'");
}
