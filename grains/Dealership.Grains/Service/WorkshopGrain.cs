using Dealership.Contracts.Common;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Dealership.Grains.Stores;

namespace Dealership.Grains.Service;

public sealed class WorkshopState : RecordedState
{
    public WorkshopSettings? Settings { get; set; }
    public int Revision { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public string? ChangedBy { get; set; }
}

/// <summary>A store's workshop: its capacity, roster and labour rate. A change is one write with its audit line.</summary>
public sealed class WorkshopGrain(
    [PersistentState("workshop", GrainsSetup.StorageName)] IPersistentState<WorkshopState> state,
    OperationLog operations,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IWorkshopGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public Task<Outcome<WorkshopView>> Get() =>
        Task.FromResult(Roles.Refused("read the workshop", [.. RoleSets.ServiceReaders, .. RoleSets.WorkshopKeepers]) ?? (Outcome<WorkshopView>)View());

    public async Task<Outcome<WorkshopView>> Set(WorkshopSettings settings, string? operationId)
    {
        var errors = settings?.Validate() ?? new FieldErrors().Add("bays", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var groupId = await storeGroups.GroupOf(StoreId);
        if (groupId is null)
        {
            return Problem.NotFound($"Store '{StoreId}'");
        }

        // Every name on the roster is a technician of this store: a slot's capacity counts people who are really there.
        for (var i = 0; i < settings!.Technicians.Count; i++)
        {
            var staff = (await GrainFactory.GetGrain<IStaffGrain>(GrainKeys.InGroup(groupId, settings.Technicians[i].StaffId)).Get()).Value;
            if (staff is null || staff.Role != StaffRole.Technician || staff.Disabled || !(staff.WholeGroup || staff.StoreIds.Contains(StoreId)))
            {
                errors.Add($"technicians[{i}].staffId", "is not a technician of this store.");
            }
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command.Run(state, operations,
            new CommandSpec(StoreId, nameof(Set), operationId, [settings], "set up the workshop", RoleSets.WorkshopKeepers),
            () => null,
            () =>
            {
                if (state.State.Settings is { } before && Same(before, settings))
                {
                    return Task.FromResult<Outcome<WorkshopView>>(View());
                }

                var now = clock.GetUtcNow();
                state.State.Pending.Add(new AuditRow(groupId, StoreId, "workshop", StoreId, now, Audit.Who, state.State.Settings is { } old
                    ? StoreRules.Describe("workshop", old, settings) + Roster(old, settings)
                    : $"workshop set up: {settings.Bays} bays, {settings.Technicians.Count} technicians, {settings.SlotMinutes}-minute slots " +
                      $"{settings.Opens:HH\\:mm}-{settings.Closes:HH\\:mm}, labour {settings.LabourRate:0.00}/h"));
                state.State.Settings = settings;
                state.State.Revision++;
                state.State.ChangedAt = now;
                state.State.ChangedBy = Audit.Who;
                return Task.FromResult<Outcome<WorkshopView>>(View());
            });
    }

    private static bool Same(WorkshopSettings a, WorkshopSettings b) =>
        a with { Technicians = [], ClosedOn = null } == b with { Technicians = [], ClosedOn = null }
        && a.Technicians.SequenceEqual(b.Technicians) && (a.ClosedOn ?? []).SequenceEqual(b.ClosedOn ?? []);

    private static string Roster(WorkshopSettings before, WorkshopSettings after) =>
        before.Technicians.SequenceEqual(after.Technicians) ? ""
        : $"; roster {string.Join(", ", after.Technicians.Select(t => $"{t.StaffId} {t.Starts:HH\\:mm}-{t.Ends:HH\\:mm}"))}";

    private WorkshopView View() => new(StoreId, state.State.Settings, state.State.Revision, state.State.ChangedAt, state.State.ChangedBy);
}
