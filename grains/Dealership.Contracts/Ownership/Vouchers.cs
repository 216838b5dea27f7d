using Dealership.Contracts.Common;

namespace Dealership.Contracts.Ownership;

/// <summary>The product's own accounts, which each store maps to its chart of accounts (科目).</summary>
public enum VoucherAccount
{
    Cash = 1,
    Bank = 2,
    CustomerReceivables = 3,
    WarrantyReceivables = 4,
    VehicleInventory = 5,
    PartsInventory = 6,
    InputVat = 7,
    OutputVat = 8,
    SupplierPayables = 9,
    VehicleSalesRevenue = 10,
    AccessorySalesRevenue = 11,
    ServiceLabourRevenue = 12,
    ServicePartsRevenue = 13,
    VehicleCostOfSales = 14,
    PartsCostOfSales = 15,
    UsedVehicleInventory = 16,
    PassThroughPayables = 17,
}

/// <summary>The columns a voucher file can have; the store sets which and in what order, as its finance software imports them.</summary>
public enum VoucherColumn
{
    Date = 1,
    VoucherWord = 2,
    VoucherNumber = 3,
    Entry = 4,
    Summary = 5,
    AccountCode = 6,
    AccountName = 7,
    Debit = 8,
    Credit = 9,
    Auxiliary = 10,
    Preparer = 11,
    Source = 12,
}

/// <summary>One of the store's accounts: the code and name its finance software knows it by.</summary>
[GenerateSerializer, Immutable, Alias("AccountMapping")]
public sealed record AccountMapping(
    [property: Id(0)] VoucherAccount Account,
    [property: Id(1)] string Code,
    [property: Id(2)] string Name);

/// <summary>
/// A store's voucher settings: its code and name for each of the product's accounts (every account, once), the file's columns in
/// the order its finance software imports them (Kingdee and Yonyou templates differ), and its voucher word (凭证字, e.g. 记).
/// </summary>
[GenerateSerializer, Immutable, Alias("VoucherSettings")]
public sealed record VoucherSettings(
    [property: Id(0)] IReadOnlyList<AccountMapping> Accounts,
    [property: Id(1)] IReadOnlyList<VoucherColumn> Columns,
    [property: Id(2)] string VoucherWord)
{
    /// <summary>The columns a file must have to be imported at all.</summary>
    public static readonly VoucherColumn[] Required = [VoucherColumn.Date, VoucherColumn.VoucherNumber, VoucherColumn.AccountCode, VoucherColumn.Debit, VoucherColumn.Credit];

    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Accounts is null)
        {
            errors.Add("accounts", "is required.");
        }
        else
        {
            for (var i = 0; i < Accounts.Count; i++)
            {
                var a = Accounts[i];
                if (a is null || !Enum.IsDefined(a.Account))
                {
                    errors.Add($"accounts[{i}].account", "is not one of the product's accounts.");
                    continue;
                }

                errors.Required($"accounts[{i}].code", a.Code, 40).Required($"accounts[{i}].name", a.Name, 60);
            }

            var missing = Enum.GetValues<VoucherAccount>().Where(v => Accounts.Count(a => a?.Account == v) != 1).ToList();
            if (!errors.Any && missing.Count > 0)
            {
                errors.Add("accounts", $"must name each account once: {string.Join(", ", missing)}.");
            }
        }

        if (Columns is null || Columns.Count == 0)
        {
            errors.Add("columns", "is required.");
        }
        else if (Columns.Any(c => !Enum.IsDefined(c)) || Columns.Distinct().Count() != Columns.Count)
        {
            errors.Add("columns", "must be known columns, each at most once.");
        }
        else if (Required.Except(Columns).ToList() is { Count: > 0 } lacking)
        {
            errors.Add("columns", $"must include {string.Join(", ", lacking)}.");
        }

        return errors.Required("voucherWord", VoucherWord, 4);
    }
}

/// <summary>One entry (分录) of a voucher. A reversal (a credit note, a return) is written in red: a negative amount on the same side.</summary>
[GenerateSerializer, Immutable, Alias("VoucherEntry")]
public sealed record VoucherEntry(
    [property: Id(0)] int Entry,
    [property: Id(1)] VoucherAccount Account,
    [property: Id(2)] string Code,
    [property: Id(3)] string Name,
    [property: Id(4)] decimal Debit,
    [property: Id(5)] decimal Credit,
    [property: Id(6)] string? Auxiliary);

/// <summary>A voucher: its number in the month, what it records, the record it comes from, and its entries (debits = credits).</summary>
[GenerateSerializer, Immutable, Alias("Voucher")]
public sealed record Voucher(
    [property: Id(0)] int Number,
    [property: Id(1)] string Summary,
    [property: Id(2)] string Source,
    [property: Id(3)] IReadOnlyList<VoucherEntry> Entries)
{
    public decimal Debit => Entries.Sum(e => e.Debit);

    public decimal Credit => Entries.Sum(e => e.Credit);
}

/// <summary>
/// A store's vouchers of one local day: while the day is open they are built from the day's records as they stand (numbers
/// provisional); once finance closes it they are kept, and export the same ever after.
/// </summary>
[GenerateSerializer, Immutable, Alias("VoucherDay")]
public sealed record VoucherDay(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] bool Closed,
    [property: Id(3)] DateTimeOffset? ClosedAt,
    [property: Id(4)] string? ClosedBy,
    [property: Id(5)] string VoucherWord,
    [property: Id(6)] IReadOnlyList<Voucher> Vouchers)
{
    public decimal Debit => Vouchers.Sum(v => v.Debit);

    public decimal Credit => Vouchers.Sum(v => v.Credit);
}

/// <summary>
/// The store's accounting vouchers (key: <see cref="GrainKeys.Store"/>): each day's, built from the store's own records, and the
/// settings that map them to the store's chart of accounts. One activation per store closes days one at a time.
/// </summary>
[Alias("IVoucherBookGrain")]
public interface IVoucherBookGrain : IGrainWithStringKey
{
    [Alias("Day"), Orleans.Concurrency.AlwaysInterleave]
    Task<Outcome<VoucherDay>> Day(DateOnly day);

    /// <summary>Finance closes a day that is over, after the day before it (if any was closed): its vouchers are kept as they stand.</summary>
    [Alias("Close")]
    Task<Outcome<VoucherDay>> Close(DateOnly day, string? operationId);

    [Alias("Settings"), Orleans.Concurrency.AlwaysInterleave]
    Task<Outcome<VoucherSettings>> Settings();

    [Alias("SetSettings")]
    Task<Outcome<VoucherSettings>> SetSettings(VoucherSettings settings, string? operationId);
}
