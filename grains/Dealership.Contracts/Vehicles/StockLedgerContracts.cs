using Dealership.Contracts.Common;

namespace Dealership.Contracts.Vehicles;

/// <summary>
/// One line of a store's stock ledger (入库/出库台账). <see cref="Quantity"/> is +1 (in) or −1 (out); a car's balance is
/// the sum of its lines, so stock on hand is what the ledger says. Lines are only ever added.
/// </summary>
[GenerateSerializer, Immutable, Alias("StockLedgerEntry")]
public sealed record StockLedgerEntry(
    [property: Id(0)] long Number,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string By,
    [property: Id(3)] string Vin,
    [property: Id(4)] LedgerEntryType Type,
    [property: Id(5)] int Quantity,
    [property: Id(6)] string Model,
    [property: Id(7)] string Trim,
    [property: Id(8)] string Colour,
    [property: Id(9)] bool Demo,
    [property: Id(10)] string? Reason)
{
    /// <summary>The direction of each kind of entry; a correction says its own.</summary>
    public static int QuantityOf(LedgerEntryType type) => type switch
    {
        LedgerEntryType.Receipt or LedgerEntryType.TransferIn or LedgerEntryType.Return => 1,
        LedgerEntryType.TransferOut or LedgerEntryType.SaleOut => -1,
        _ => 0,
    };
}

/// <summary>
/// The stock ledger of one store: lines the cars write with their own changes, read with SQL. Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IStockLedgerGrain")]
public interface IStockLedgerGrain : IGrainWithStringKey
{
    /// <summary>
    /// A correction after a physical count: +1 or −1 for a car the ledger knows, with a reason. A car's balance stays 0 or 1
    /// (409 <c>ledger-balance</c> otherwise). The car writes the line, one at a time with its other lines.
    /// </summary>
    [Alias("Correct")]
    Task<Outcome<StockLedgerEntry>> Correct(string vin, int quantity, string reason, string? operationId);

    /// <summary>The lines in their order, optionally of one car, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<StockLedgerEntry>>> List(string? vin, PageRequest page);

    /// <summary>One line by its number (404 when this store's ledger has none by that number).</summary>
    [Alias("Get")]
    Task<Outcome<StockLedgerEntry>> Get(long number);
}
