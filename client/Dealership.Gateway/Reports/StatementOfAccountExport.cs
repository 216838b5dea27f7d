using Dealership.Contracts.KeyAccounts;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>A line of the Statement sheet: an entry of the account's ledger and the balance after it.</summary>
public sealed class StatementLineRow
{
    public string Date { get; set; } = "";
    public string Entry { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Deal { get; set; } = "";
    public string Reference { get; set; } = "";
    public decimal Debit { get; set; }
    public decimal Credit { get; set; }
    public decimal Balance { get; set; }
    public string Due { get; set; } = "";
}

/// <summary>A line of the Ageing sheet: an open invoice, or (Invoice "Total …") a bucket's total.</summary>
public sealed class AgeingLineRow
{
    public string Invoice { get; set; } = "";
    public string Invoiced { get; set; } = "";
    public string Due { get; set; } = "";
    public decimal Amount { get; set; }
    public decimal Outstanding { get; set; }
    public int AgeDays { get; set; }
    public int DaysOverdue { get; set; }
    public string Bucket { get; set; } = "";
}

/// <summary>
/// The statement of account (对账单) sent to a key account: every entry oldest first with its running balance (invoices as debits,
/// payments and credit notes as credits), and the open invoices aged as of the statement's day with each bucket's total.
/// </summary>
public static class StatementOfAccountExport
{
    public static byte[] Xlsx(AccountReceivables account, IReadOnlyList<LedgerEntry> newestFirst)
    {
        var balance = 0m;
        var lines = new List<StatementLineRow>();
        foreach (var e in newestFirst.Reverse())
        {
            balance += e.Amount;
            lines.Add(new StatementLineRow
            {
                Date = $"{e.BookedOn:yyyy-MM-dd}",
                Entry = e.EntryId,
                Kind = e.Kind.ToString(),
                Deal = e.DealId ?? "",
                Reference = e.Reference ?? "",
                Debit = e.Amount > 0 ? e.Amount : 0m,
                Credit = e.Amount < 0 ? -e.Amount : 0m,
                Balance = balance,
                Due = e.DueOn is { } d ? $"{d:yyyy-MM-dd}" : "",
            });
        }

        var ageing = account.OpenInvoices.Select(i => new AgeingLineRow
        {
            Invoice = i.Invoice,
            Invoiced = $"{i.InvoicedOn:yyyy-MM-dd}",
            Due = $"{i.DueOn:yyyy-MM-dd}",
            Amount = i.Amount,
            Outstanding = i.Outstanding,
            AgeDays = i.AgeDays,
            DaysOverdue = i.DaysOverdue,
            Bucket = Label(i.Bucket),
        }).ToList();
        var a = account.Ageing;
        ageing.AddRange(
        [
            Total("0-30 days", a.Days0To30), Total("31-60 days", a.Days31To60), Total("61-90 days", a.Days61To90), Total("over 90 days", a.Over90),
            Total("overdue", a.Overdue), Total($"owed as of {account.AsOf:yyyy-MM-dd}", a.Total),
        ]);
        using var buffer = new MemoryStream();
        buffer.SaveAs(new Dictionary<string, object> { ["Statement"] = lines.ToArray(), ["Ageing"] = ageing.ToArray() }, excelType: ExcelType.XLSX);
        return buffer.ToArray();
    }

    public static string Label(AgeingBucket bucket) => bucket switch
    {
        AgeingBucket.Days0To30 => "0-30",
        AgeingBucket.Days31To60 => "31-60",
        AgeingBucket.Days61To90 => "61-90",
        _ => "91+",
    };

    private static AgeingLineRow Total(string what, decimal amount) => new() { Invoice = $"Total {what}", Outstanding = amount };
}
