using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Pay;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Pay;

/// <summary>
/// A dealer group's incentive plan templates (rows, one per name) and, for HQ, which template each store's plan in force follows and
/// where the store changed it: the inconsistency between stores that HQ is there to see.
/// </summary>
public sealed class IncentiveTemplatesGrain(OperationLog operations, Database database, BusinessClock clock) : Grain, IIncentiveTemplatesGrain, IScopedGrain
{
    private static readonly StaffRole[] Readers = [StaffRole.GroupHq, .. RoleSets.Managers];

    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task<Outcome<IncentiveTemplates>> Get()
    {
        if (Roles.Refused("read the group's plan templates", Readers) is { } refused)
        {
            return refused;
        }

        var templates = await Templates();
        if (Caller.Current?.Role != StaffRole.GroupHq)
        {
            return new IncentiveTemplates(GroupId, templates, []);
        }

        var storeIds = (await GrainFactory.GetGrain<IGroupGrain>(GrainKeys.Group(GroupId)).Get()).Value?.StoreIds ?? [];
        var versions = await database.List(
            "SELECT store_id, plan::text FROM incentive_plans WHERE group_id = $1 ORDER BY store_id, effective_from",
            r => (Store: r.GetString(0), Plan: JsonSerializer.Deserialize<IncentivePlan>(r.GetString(1), GrainStateStore.Json)!), GroupId);
        var now = clock.GetUtcNow();
        var stores = new List<StoreAdoption>(storeIds.Count);
        foreach (var storeId in storeIds.Order(StringComparer.Ordinal))
        {
            var zone = await GrainFactory.GetGrain<IStoreGrain>(GrainKeys.Store(storeId)).GetTimeZoneId() ?? "UTC";
            var inForce = CommissionRules.InForce(versions.Where(v => v.Store == storeId).Select(v => v.Plan), StoreFacts.LocalDate(now, zone));
            var template = inForce?.Template is { } name ? templates.FirstOrDefault(t => t.Plan.Name == name)?.Plan : null;
            stores.Add(new StoreAdoption(storeId, inForce?.Name, inForce?.EffectiveFrom, inForce?.Template,
                inForce is not null && template is not null ? IncentiveTemplateRules.LocalChanges(inForce, template) : []));
        }

        return new IncentiveTemplates(GroupId, templates, stores);
    }

    public async Task<Outcome<IncentiveTemplate>> Set(IncentivePlan plan, string? operationId)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("name", "is required.");
        if (plan?.Template is not null)
        {
            errors.Add("template", "is for a store's version adopted from a template; a template names none.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Set), GroupId, JsonSerializer.Serialize(plan, GrainStateStore.Json));
        if (await operations.Replay<IncentiveTemplate>(GroupId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("set the group's plan templates", RoleSets.TargetSetters) is { } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow();
        var kept = new IncentiveTemplate(plan! with { Name = plan.Name.Trim() }, now, Audit.Who);
        return await operations.WriteOrReplay(
            [new TemplateRow(GroupId, kept),
                new AuditRow(GroupId, null, "incentive-template", kept.Plan.Name, now, Audit.Who, $"incentive plan template {kept.Plan.Name} set")],
            GroupId, operationId, fingerprint, kept, "IncentiveTemplate") ?? kept;
    }

    public async Task<IncentivePlan?> Find(string name) =>
        (await Templates()).FirstOrDefault(t => string.Equals(t.Plan.Name, name.Trim(), StringComparison.Ordinal))?.Plan;

    private async Task<List<IncentiveTemplate>> Templates() =>
        await database.List("SELECT plan::text, set_at, set_by FROM incentive_plan_templates WHERE group_id = $1 ORDER BY name",
            r => new IncentiveTemplate(JsonSerializer.Deserialize<IncentivePlan>(r.GetString(0), GrainStateStore.Json)!, r.GetFieldValue<DateTimeOffset>(1),
                r.GetString(2)), GroupId);
}

/// <summary>A template, replaced whole when set again under the same name.</summary>
internal sealed record TemplateRow(string GroupId, IncentiveTemplate T) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO incentive_plan_templates (group_id, name, plan, set_at, set_by) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (group_id, name) DO UPDATE SET plan = EXCLUDED.plan, set_at = EXCLUDED.set_at, set_by = EXCLUDED.set_by",
        GroupId, T.Plan.Name, Sql.Jsonb(JsonSerializer.Serialize(T.Plan, GrainStateStore.Json)), T.SetAt, T.SetBy);
}
