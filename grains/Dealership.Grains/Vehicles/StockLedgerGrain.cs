using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Orleans.Concurrency;

namespace Dealership.Grains.Vehicles;

public sealed class StockLedgerState
{
    public List<StockLedgerEntry> Entries { get; set; } = [];

    /// <summary>Source keys already entered (a car's VIN and revision), so a replayed append adds nothing.</summary>
    public HashSet<string> Sources { get; set; } = new(StringComparer.Ordinal);
    public RecentOperations Operations { get; set; } = new();
}

/// <summary>
/// A store's stock ledger: the cars' grains append a line for every receipt, transfer, sale-out and return; the clerk
/// appends corrections. Nothing is ever edited or removed.
/// </summary>
[Reentrant]
public sealed class StockLedgerGrain(
    [PersistentState("stock-ledger", GrainsSetup.StorageName)] IPersistentState<StockLedgerState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IStockLedgerGrain, IScopedGrain
{
    private static readonly StaffRole[] Keepers = [StaffRole.SalesInformationClerk, StaffRole.SalesManager, StaffRole.GeneralManager];

    private GroupCommit? commit;

    private GroupCommit Commit => commit ??= new GroupCommit(state.WriteStateAsync);

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task Append(StockLedgerEntry entry, string sourceKey)
    {
        if (!state.State.Sources.Add(sourceKey))
        {
            return;
        }

        state.State.Entries.Add(entry with { Number = state.State.Entries.Count + 1 });
        await Commit.Commit();
    }

    public async Task<Outcome<StockLedgerEntry>> Correct(string vin, int quantity, string reason, string? operationId)
    {
        var errors = new FieldErrors().Required("reason", reason, 300);
        if (quantity is not (1 or -1))
        {
            errors.Add("quantity", "must be 1 (found on hand) or -1 (not on hand).");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(Correct), vin, quantity, reason);
        if (state.State.Operations.TryReplay<StockLedgerEntry>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (Roles.Refused("correct the stock ledger", Keepers) is { } refused)
        {
            return refused;
        }

        var lines = state.State.Entries.Where(e => e.Vin == vin).ToList();
        if (lines.Count == 0)
        {
            return Problem.Invalid("vin", "has no line in this store's ledger.");
        }

        var balance = lines.Sum(e => e.Quantity) + quantity;
        if (balance is not (0 or 1))
        {
            return Problem.Conflict("ledger-balance", $"VIN {vin} would stand at {balance}: a car is on hand once or not at all.");
        }

        var last = lines[^1];
        var now = clock.GetUtcNow();
        var entry = new StockLedgerEntry(state.State.Entries.Count + 1, now, Audit.Who, vin, LedgerEntryType.Correction, quantity,
            last.Model, last.Trim, last.Colour, last.Demo, reason);
        state.State.Entries.Add(entry);
        state.State.Operations.Remember(operationId, fingerprint, entry, now);
        await Commit.Commit();
        return entry;
    }

    public Task<IReadOnlyList<StockLedgerEntry>> List(string? vin) =>
        Task.FromResult<IReadOnlyList<StockLedgerEntry>>(state.State.Entries.Where(e => vin is null || e.Vin == vin).ToArray());

    public Task<IReadOnlyDictionary<string, int>> OnHand() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(state.State.Entries
            .GroupBy(e => e.Vin, StringComparer.Ordinal)
            .Select(g => (Vin: g.Key, Balance: g.Sum(e => e.Quantity)))
            .Where(v => v.Balance > 0)
            .ToDictionary(v => v.Vin, v => v.Balance, StringComparer.Ordinal));
}
