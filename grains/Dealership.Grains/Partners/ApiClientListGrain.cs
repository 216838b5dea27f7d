using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Partners;

/// <summary>A group's API clients, revoked ones included (their use stays attributable), by client id.</summary>
[StatelessWorker]
public sealed class ApiClientListGrain(Database database) : Grain, IApiClientListGrain, IScopedGrain
{
    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task<Outcome<Page<ApiClientView>>> List(PageRequest page)
    {
        if (Roles.Refused("read the API clients", RoleSets.Administrators) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {ApiClientRow.Columns} FROM api_clients WHERE group_id = $1 AND client_id > $2 ORDER BY client_id",
            ApiClientRow.Read, c => Cursor.From(c.ClientId), page, GroupId, Cursor.Keys(page.After)?[0] ?? "");
    }
}
