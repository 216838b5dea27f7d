using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Dealership.Grains.Stores;

namespace Dealership.Grains.Targets;

public sealed class StoreTargetsState : RecordedState
{
    public string? GroupId { get; set; }
    public AnnualTarget? Annual { get; set; }
    public List<decimal>? Weights { get; set; }

    /// <summary>Each month's consultants (at most 12 × 100 lines: bounded by the year).</summary>
    public Dictionary<int, List<ConsultantTarget>> Consultants { get; set; } = [];

    public int Revision { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

/// <summary>
/// A store's targets for one year: HQ's annual figure, the sales manager's months and consultants. Every change is one write of
/// the plan, its rows (the year's months and consultants, which reports and the group's rollup read) and an audit line.
/// </summary>
public sealed class StoreTargetsGrain(
    [PersistentState("store-targets", GrainsSetup.StorageName)] IPersistentState<StoreTargetsState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IStoreTargetsGrain, IScopedGrain
{
    private (string StoreId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private int Year => int.Parse(Key.Id[2..], CultureInfo.InvariantCulture);

    public async ValueTask<GrainScope> GetScope() => new(state.State.GroupId ?? await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public Task<Outcome<TargetPlan>> Get() =>
        Task.FromResult(Roles.Refused("read targets", RoleSets.TargetReaders) ?? (Outcome<TargetPlan>)ForCaller(Plan()));

    /// <summary>A consultant sees the store's figures and their own line, never a colleague's (as in the sales numbers).</summary>
    private static TargetPlan ForCaller(TargetPlan plan) =>
        StoreFacts.CallingConsultant() is { } me
            ? plan with { Months = [.. plan.Months.Select(m => m with { Consultants = [.. m.Consultants.Where(c => c.ConsultantId == me)] })] }
            : plan;

    public async Task<Outcome<TargetPlan>> SetAnnual(AnnualTarget target, string? operationId)
    {
        var errors = target?.Validate() ?? new FieldErrors().Add("units", "is required.");
        return errors.Any ? Problem.Invalid(errors) : await Change(nameof(SetAnnual), operationId, [Year, target], "set annual targets", RoleSets.TargetSetters,
            () =>
            {
                state.State.Annual = target;
                return Task.FromResult(OverAllocated());
            },
            $"annual target {target!.Units} units, gross profit {target.GrossProfit:0.00}" +
            (target.Lines is { Count: > 0 } lines ? $" ({string.Join(", ", lines.Select(l => $"{l.Model} {l.Units}"))})" : ""));
    }

    public async Task<Outcome<TargetPlan>> SplitMonths(MonthWeights weights, string? operationId)
    {
        var errors = weights?.Validate() ?? new FieldErrors().Add("weights", "is required.");
        return errors.Any ? Problem.Invalid(errors) : await Change(nameof(SplitMonths), operationId, [Year, weights], "split targets", RoleSets.TargetSplitters,
            () =>
            {
                if (state.State.Annual is null)
                {
                    return Task.FromResult<Problem?>(Problem.Refused("no-annual-target", $"Group HQ has not set {Year}'s target for this store yet."));
                }

                state.State.Weights = [.. weights!.Weights];
                return Task.FromResult(OverAllocated());
            },
            $"months split {string.Join("/", weights!.Weights.Select(w => w.ToString("0.##", CultureInfo.InvariantCulture)))}% " +
            $"({weights.Weights.Sum().ToString("0.##", CultureInfo.InvariantCulture)}% allocated)");
    }

    public async Task<Outcome<TargetPlan>> SplitConsultants(int month, ConsultantSplit split, string? operationId)
    {
        var errors = split?.Validate() ?? new FieldErrors().Add("consultants", "is required.");
        if (month is < 1 or > 12)
        {
            errors.Add("month", "must be 1-12.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("split targets", RoleSets.TargetSplitters) is { } refused)
        {
            return refused;
        }

        // Every name is a consultant of this store: a target for someone who does not sell here counts for nobody.
        var groupId = await storeGroups.GroupOf(Key.StoreId) ?? "";
        for (var i = 0; i < split!.Consultants.Count; i++)
        {
            var staff = (await GrainFactory.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, split.Consultants[i].ConsultantId)).Get()).Value;
            if (staff is null || staff.Role != StaffRole.SalesConsultant || !(staff.WholeGroup || staff.StoreIds.Contains(Key.StoreId)))
            {
                errors.Add($"consultants[{i}].consultantId", "is not a sales consultant of this store.");
            }
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Change(nameof(SplitConsultants), operationId, [Year, month, split], "split targets", RoleSets.TargetSplitters,
            () =>
            {
                var (units, profit) = TargetRules.Months(state.State.Annual, state.State.Weights);
                if (state.State.Weights is null)
                {
                    return Task.FromResult<Problem?>(Problem.Refused("no-month-split", "Split the year into months first."));
                }

                var givenUnits = split.Consultants.Sum(c => c.Units);
                var givenProfit = split.Consultants.Sum(c => c.GrossProfit);
                if (givenUnits > units[month - 1] || (profit[month - 1] >= 0 && givenProfit > profit[month - 1]))
                {
                    return Task.FromResult<Problem?>(Problem.Invalid("consultants",
                        $"add up to {givenUnits} units and {givenProfit:0.00} gross profit, more than the month's {units[month - 1]} and " +
                        $"{profit[month - 1]:0.00}."));
                }

                state.State.Consultants[month] = [.. split.Consultants];
                return Task.FromResult<Problem?>(null);
            },
            $"{Year}-{month:00} split: {string.Join(", ", split.Consultants.Select(c => $"{c.ConsultantId} {c.Units}"))}");
    }

    public async Task<Outcome<TargetProgress>> GetProgress(int month)
    {
        if (Roles.Refused("read targets", RoleSets.TargetReaders) is { } refused)
        {
            return refused;
        }

        if (month is < 1 or > 12)
        {
            return Problem.Invalid("month", "must be 1-12.");
        }

        var zone = StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId));
        var now = clock.GetUtcNow();
        var first = new DateOnly(Year, month, 1);
        var (daysGone, days) = TargetRules.TimeGone(first, now, zone);
        var actuals = await Actuals(database, await storeGroups.GroupOf(Key.StoreId) ?? "", Key.StoreId, first);
        var plan = Plan().Months[month - 1];
        var me = StoreFacts.CallingConsultant();
        var consultants = plan.Consultants.Select(c => c.ConsultantId).Union(actuals.Keys.Where(k => k.Length > 0)).Order(StringComparer.Ordinal)
            .Where(id => me is null || id == me)
            .Select(id =>
            {
                var target = plan.Consultants.FirstOrDefault(c => c.ConsultantId == id);
                var a = actuals.GetValueOrDefault(id);
                return new ConsultantProgress(id, TargetRules.Figures(target?.Units ?? 0, target?.GrossProfit ?? 0m, a.Orders, a.Retail, a.Deliveries, a.Profit));
            }).ToList();
        var total = actuals.Values.Aggregate((Orders: 0, Retail: 0, Deliveries: 0, Profit: 0m),
            (t, a) => (t.Orders + a.Orders, t.Retail + a.Retail, t.Deliveries + a.Deliveries, t.Profit + a.Profit));
        return new TargetProgress(Key.StoreId, first.ToString("yyyy-MM", CultureInfo.InvariantCulture), days, daysGone,
            days == 0 ? 0 : decimal.Round(daysGone / days, 3), TargetRules.Figures(plan.Units, plan.GrossProfit, total.Orders, total.Retail, total.Deliveries, total.Profit),
            consultants, now);
    }

    /// <summary>
    /// A month's actuals per consultant ("" for facts without one), from the sales facts: orders net of cancellations, retail sales
    /// (invoices) with their gross profit, deliveries.
    /// </summary>
    public static async Task<Dictionary<string, (int Orders, int Retail, int Deliveries, decimal Profit)>> Actuals(Database database, string groupId,
        string storeId, DateOnly month) =>
        (await database.List(
            "SELECT coalesce(consultant_id, ''), " +
            "(count(*) FILTER (WHERE kind = 'Order') - count(*) FILTER (WHERE kind = 'OrderCancelled'))::int, " +
            "(count(*) FILTER (WHERE kind = 'RetailSale') - count(*) FILTER (WHERE kind = 'RetailSaleUnwound'))::int, count(*) FILTER (WHERE kind = 'Delivery')::int, " +
            "coalesce(sum(gross_profit) FILTER (WHERE kind IN ('RetailSale', 'RetailSaleUnwound')), 0) " +
            "FROM sales_facts WHERE group_id = $1 AND store_id = $2 AND local_date BETWEEN $3 AND $4 " +
            "AND kind IN ('Order', 'OrderCancelled', 'RetailSale', 'RetailSaleUnwound', 'Delivery') GROUP BY 1",
            r => (Id: r.GetString(0), Orders: r.GetInt32(1), Retail: r.GetInt32(2), Deliveries: r.GetInt32(3), Profit: r.GetDecimal(4)),
            groupId, storeId, month, month.AddMonths(1).AddDays(-1)))
        .ToDictionary(a => a.Id, a => (a.Orders, a.Retail, a.Deliveries, decimal.Round(a.Profit, 2)));

    private async Task<Outcome<TargetPlan>> Change(string name, string? operationId, object?[] arguments, string action, StaffRole[] roles,
        Func<Task<Problem?>> change, string what)
    {
        var now = clock.GetUtcNow();
        var groupId = state.State.GroupId ?? await storeGroups.GroupOf(Key.StoreId);
        if (groupId is null)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var changed = await Command.Run<StoreTargetsState, TargetPlan>(state, operations,
            new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => null,
            async () =>
            {
                if (await change() is { } refused)
                {
                    return refused;
                }

                var s = state.State;
                s.GroupId = groupId;
                s.Revision++;
                s.ChangedAt = now;
                s.ChangedBy = Audit.Who;
                var plan = Plan();
                s.Pending.Add(new TargetRowsCleared(Key.StoreId, Year));
                s.Pending.Add(new TargetRow(groupId, Key.StoreId, Year, 0, "", s.Annual?.Units ?? 0, s.Annual?.GrossProfit ?? 0m));
                foreach (var m in plan.Months)
                {
                    s.Pending.Add(new TargetRow(groupId, Key.StoreId, Year, m.Month, "", m.Units, m.GrossProfit));
                    s.Pending.AddRange(m.Consultants.Select(c => new TargetRow(groupId, Key.StoreId, Year, m.Month, c.ConsultantId, c.Units, c.GrossProfit)));
                }

                s.Pending.Add(new AuditRow(groupId, Key.StoreId, "targets", Key.Id, now, Audit.Who, $"{Year}: {what}"));
                return plan;
            });
        if (changed.IsOk)
        {
            // Boards and group HQ see the new figures; the store's summary refreshes from it.
            await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "target", Key.Id, $"Targets {Year}: {what}",
                new Dictionary<string, string> { ["year"] = Year.ToString(CultureInfo.InvariantCulture), ["revision"] = state.State.Revision.ToString(CultureInfo.InvariantCulture) });
        }

        return changed;
    }

    /// <summary>A change that would leave a month's consultants with more than the month has is refused, naming the months.</summary>
    private Problem? OverAllocated()
    {
        var over = Plan().Months.Where(m => m.Consultants.Count > 0 && m.UnallocatedUnits < 0).Select(m => m.Month).ToList();
        return over.Count == 0 ? null : Problem.Conflict("splits-exceed-target",
            $"Consultants already have more than this would leave month {string.Join(", ", over)}: change their split first.");
    }

    private TargetPlan Plan()
    {
        var s = state.State;
        var (months, units, profit) = TargetRules.Plan(s.Annual, s.Weights, s.Consultants);
        return new TargetPlan(Key.StoreId, Year, s.Annual, months, units, profit, s.ChangedAt, s.ChangedBy, s.Revision);
    }
}
