using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Consultants;

/// <summary>
/// A store's floor. The list by name is read with SQL; "up next" is kept in memory (one activation per store): loaded from the
/// consultants' rows when the grain activates, then changed by each consultant after its commit. A change that never arrives
/// (its sender's silo died between the commit and the call) is caught by reloading the rows every half minute.
/// </summary>
public sealed class ConsultantListGrain(Database database, StoreGroups storeGroups) : Grain, IConsultantListGrain, IScopedGrain
{
    private static readonly TimeSpan Reload = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (string GroupId, ConsultantView View)> floor = new(StringComparer.Ordinal);
    private IReadOnlyList<ConsultantView>? upNext;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Load();
        this.RegisterGrainTimer(Load, Reload, Reload);
    }

    public async Task<IReadOnlyList<ConsultantView>> List() =>
        await database.List($"SELECT {ConsultantRow.Columns} FROM consultants WHERE group_id = $1 AND store_id = $2 AND active " +
            "ORDER BY display_name COLLATE \"C\", staff_id", ConsultantRow.Read, await Group(), StoreId);

    public async Task<IReadOnlyList<ConsultantView>> UpNext()
    {
        var group = await Group();
        return upNext ??= [.. floor.Values
            .Where(c => c.GroupId == group && c.View.Active && c.View.Status == ConsultantStatus.Available)
            .Select(c => c.View)
            .OrderBy(c => c.StatusSince).ThenBy(c => c.StaffId, StringComparer.Ordinal)];
    }

    public Task Changed(string groupId, ConsultantView view)
    {
        Take(groupId, view);
        return Task.CompletedTask;
    }

    private async Task Load()
    {
        var rows = await database.List($"SELECT {ConsultantRow.Columns}, group_id FROM consultants WHERE store_id = $1",
            r => (GroupId: r.GetString(7), View: ConsultantRow.Read(r)), StoreId);
        foreach (var (groupId, view) in rows)
        {
            Take(groupId, view);
        }
    }

    /// <summary>Keeps the later of what the floor has and <paramref name="view"/> (changes of one consultant may cross).</summary>
    private void Take(string groupId, ConsultantView view)
    {
        if (floor.TryGetValue(view.StaffId, out var known) && known.View.Revision >= view.Revision)
        {
            return;
        }

        floor[view.StaffId] = (groupId, view);
        upNext = null;
    }

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";
}
