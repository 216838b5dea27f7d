using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace Dealership.Grains.Pay;

/// <summary>
/// A store's incentive plan versions (rows, each in force from its day) and its consultants' pay under them, worked by
/// <see cref="CommissionRules"/> from the month's retail sales as the deals recorded them (gross profit net of VAT, accessories'
/// margin, insurance and finance commission) and the consultants' monthly targets.
/// </summary>
[StatelessWorker]
public sealed class CommissionGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, ICommissionGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<IReadOnlyList<IncentivePlanVersion>>> Plans()
    {
        if (Roles.Refused("read the incentive plans", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        return await Versions();
    }

    public async Task<Outcome<IncentivePlanVersion>> SetPlan(IncentivePlan plan, string? operationId)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(SetPlan), JsonSerializer.Serialize(plan, GrainStateStore.Json));
        if (await operations.Replay<IncentivePlanVersion>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("set the incentive plan", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var thisMonth = await ThisMonth(now);
        if (plan!.EffectiveFrom < thisMonth)
        {
            return Problem.Invalid("effectiveFrom", $"must be {thisMonth:yyyy-MM-dd} or later: a month already paid keeps the plan it was paid by.");
        }

        var group = await Group();
        if (plan.Template is { } template && await GrainFactory.GetGrain<IIncentiveTemplatesGrain>(GrainKeys.Group(group)).Find(template) is null)
        {
            return Problem.Invalid("template", $"names no template of the group: '{template}'.");
        }

        var kept = new IncentivePlanVersion(plan with { Name = plan.Name.Trim(), Template = plan.Template?.Trim() }, now, Audit.Who);
        return await operations.WriteOrReplay(
            [new IncentivePlanRow(group, StoreId, kept),
                new AuditRow(group, StoreId, "incentive-plan", $"{plan.EffectiveFrom:yyyy-MM-dd}", now, Audit.Who, $"incentive plan {kept.Plan.Name} from {plan.EffectiveFrom:yyyy-MM-dd}")],
            StoreId, operationId, fingerprint, kept, "IncentivePlan") ?? kept;
    }

    public async Task<Outcome<PayPreview>> Preview(IncentivePlan draft)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("preview an incentive plan", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var month = (await ThisMonth(clock.GetUtcNow())).AddMonths(-1);
        var versions = (await Versions()).Select(v => v.Plan).ToList();
        var sales = await Book.Sales(null, month);
        var targets = await Book.Targets(month);
        IReadOnlyList<ConsultantPay> Under(IReadOnlyList<IncentivePlan> plans) =>
            [.. sales.GroupBy(s => s.Consultant, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ConsultantPay(g.Key,
                CommissionRules.Month(plans, [.. g.Select(s => s.Deal)], targets.GetValueOrDefault(g.Key), month.AddMonths(1).AddDays(-1))))];

        // The draft as if it had been in force the whole month.
        return new PayPreview($"{month:yyyy-MM}", Under(versions), Under([draft! with { EffectiveFrom = month }]));
    }

    public async Task<Outcome<ConsultantStatement>> Pay(string consultantId, DateOnly month)
    {
        if (Roles.Refused("read consultants' pay", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        // A consultant's pay is theirs alone.
        if (Caller.Current is { Role: StaffRole.SalesConsultant } caller && caller.StaffId != consultantId)
        {
            return Problem.Forbidden("A consultant reads their own pay only.");
        }

        var first = new DateOnly(month.Year, month.Month, 1);
        if (first > await ThisMonth(clock.GetUtcNow()))
        {
            return Problem.Invalid("month", "has not begun.");
        }

        var status = (await Book.Month(first)).Status;
        return (await Book.Statements(consultantId, first, status)).SingleOrDefault()
            ?? CommissionRules.Statement(consultantId, CommissionRules.Month([], [], null, first.AddMonths(1).AddDays(-1)) with { Month = $"{first:yyyy-MM}" },
                [], [], status);
    }

    private CommissionBook Book => new(database, StoreId);

    private async Task<List<IncentivePlanVersion>> Versions() => await Book.Versions();

    private async Task<DateOnly> ThisMonth(DateTimeOffset now)
    {
        var today = StoreFacts.LocalDate(now, StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId)));
        return new DateOnly(today.Year, today.Month, 1);
    }

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");
}

/// <summary>A plan version, replaced whole when set again for the same day.</summary>
internal sealed record IncentivePlanRow(string GroupId, string StoreId, IncentivePlanVersion V) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO incentive_plans (group_id, store_id, effective_from, plan, set_at, set_by) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (store_id, effective_from) DO UPDATE SET plan = EXCLUDED.plan, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by",
        GroupId, StoreId, V.Plan.EffectiveFrom, Sql.Jsonb(JsonSerializer.Serialize(V.Plan, GrainStateStore.Json)), V.SetAt, V.SetBy);
}
