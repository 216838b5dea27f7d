using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Consultants;

/// <summary>A store's floor: the consultants' rows, read with SQL (filtered by group and store).</summary>
[StatelessWorker]
public sealed class ConsultantListGrain(Database database, StoreGroups storeGroups) : Grain, IConsultantListGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<IReadOnlyList<ConsultantView>> List() =>
        await database.List($"SELECT {ConsultantRow.Columns} FROM consultants WHERE group_id = $1 AND store_id = $2 AND active " +
            "ORDER BY display_name COLLATE \"C\", staff_id", ConsultantRow.Read, await Group(), StoreId);

    public async Task<IReadOnlyList<ConsultantView>> UpNext() =>
        await database.List($"SELECT {ConsultantRow.Columns} FROM consultants WHERE group_id = $1 AND store_id = $2 AND active " +
            "AND status = 'Available' ORDER BY status_since, staff_id", ConsultantRow.Read, await Group(), StoreId);

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";
}
