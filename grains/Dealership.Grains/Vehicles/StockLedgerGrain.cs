using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Vehicles;

/// <summary>
/// A store's stock ledger. The lines are rows each car writes with its own change; nothing is ever edited or removed. A
/// correction is written by the car too, so it is checked against the car's other lines one at a time.
/// </summary>
[StatelessWorker]
public sealed class StockLedgerGrain(Database database, StoreGroups storeGroups) : Grain, IStockLedgerGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<StockLedgerEntry>> Correct(string vin, int quantity, string reason, string? operationId)
    {
        if (Vin.Problem(vin) is { } problem)
        {
            return Problem.Invalid("vin", problem);
        }

        if (Roles.Refused("correct the stock ledger", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
        }

        return await GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(await Group(), vin)).CorrectLedger(StoreId, quantity, reason, operationId);
    }

    public async Task<Outcome<Page<StockLedgerEntry>>> List(string? vin, PageRequest page)
    {
        if (Roles.Refused("read the stock ledger", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this ledger.");
        }

        return await database.Page(
            $"SELECT {StockLedgerRow.Columns} FROM stock_ledger WHERE group_id = $1 AND store_id = $2 AND ($3::text IS NULL OR vin = $3) " +
            "AND number > $4 ORDER BY number",
            StockLedgerRow.Read, e => Cursor.From(e.Number), page, await Group(), StoreId, vin, Cursor.Number(page.After) ?? 0L);
    }

    public async Task<Outcome<StockLedgerEntry>> Get(long number)
    {
        if (Roles.Refused("read the stock ledger", RoleSets.StockKeepers) is { } refused)
        {
            return refused;
        }

        var entry = await database.First($"SELECT {StockLedgerRow.Columns} FROM stock_ledger WHERE group_id = $1 AND store_id = $2 AND number = $3",
            StockLedgerRow.Read, await Group(), StoreId, number);
        return entry is null ? Problem.NotFound("Stock ledger line") : entry;
    }

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";
}
