using Dealership.Contracts.Ownership;

namespace Dealership.Grains.Ownership;

/// <summary>
/// A sales invoice as its row keeps it: <see cref="Kind"/> is Vehicle, CreditNote or Service; a credit note's amounts are negative.
/// <see cref="Cost"/> is a car's cost net of VAT; <see cref="Fees"/> what the customer pays through the store to others (plates,
/// registration: 代收代付) and <see cref="TradeIn"/> the allowance for the car traded in, both settled with the invoice's receivable.
/// </summary>
public sealed record InvoiceFact(
    string Number, string Kind, string SourceId, DateTimeOffset At, string Customer, decimal Amount, decimal Vat,
    IReadOnlyList<InvoiceFactLine> Lines, decimal Cost, decimal Fees = 0m, decimal TradeIn = 0m);

/// <summary>A line of an invoice: Vehicle, Accessory, Labour or Part, VAT included.</summary>
public sealed record InvoiceFactLine(string Kind, string Description, decimal Amount);

public enum MoneyKind
{
    CustomerPayment = 1,
    CustomerRefund = 2,
    AccountPayment = 3,
    ServicePayment = 4,
    SupplierInvoice = 5,
    SupplierPayment = 6,
    SupplierCredit = 7,
}

/// <summary>Money in or out, or owed, as one record of the day: <see cref="Amount"/> is positive; <see cref="Method"/> as recorded.</summary>
public sealed record MoneyFact(string Source, DateTimeOffset At, MoneyKind Kind, string Method, decimal Amount, string Party, string What);

/// <summary>The day's parts cost by movement reason (issued to repairs, sold over the counter: +; returned from repairs: −).</summary>
public sealed record PartsCostFact(string Reason, decimal Cost);

/// <summary>
/// How the day's records become vouchers (会计凭证): one per invoice (revenue net of VAT by line, output VAT, the receivable, and a car's
/// cost of sales), one per payment or supplier entry, one for the day's parts cost. Reversals are red (negative, same side). Every
/// voucher balances; the numbers follow the records' order from <c>firstNumber</c>.
/// </summary>
public static class VoucherRules
{
    public static IReadOnlyList<Voucher> Build(
        IEnumerable<InvoiceFact> invoices, IEnumerable<MoneyFact> money, IEnumerable<PartsCostFact> partsCost, DateOnly day, decimal vatRate,
        IReadOnlyDictionary<VoucherAccount, AccountMapping> accounts, int firstNumber)
    {
        var drafts = new List<(DateTimeOffset At, string Source, string Summary, List<(VoucherAccount Account, decimal Debit, decimal Credit, string? Aux)> Entries)>();
        foreach (var invoice in invoices.Where(i => i.Amount != 0m))
        {
            drafts.Add((invoice.At, $"invoice:{invoice.Number}", InvoiceSummary(invoice), InvoiceEntries(invoice)));
        }

        foreach (var m in money.Where(m => m.Amount != 0m))
        {
            drafts.Add((m.At, m.Source, m.What, MoneyEntries(m, vatRate)));
        }

        // Parts are costed as bought, VAT included; the stock holds them net, as their supplier's invoice put them in.
        var cost = partsCost.Select(p => p with { Cost = p.Cost - VatIn(p.Cost, vatRate) }).Where(p => p.Cost != 0m).ToList();
        if (cost.Count > 0)
        {
            drafts.Add((DateTimeOffset.MaxValue, $"parts-cost:{day:yyyy-MM-dd}", $"结转配件销售成本 {day:yyyy-MM-dd}",
                [.. cost.SelectMany(c => Pair(VoucherAccount.PartsCostOfSales, VoucherAccount.PartsInventory, c.Cost, PartsReason(c.Reason)))]));
        }

        var number = firstNumber;
        return [.. drafts.OrderBy(d => d.At).ThenBy(d => d.Source, StringComparer.Ordinal).Select(d => new Voucher(number++, d.Summary, d.Source,
            [.. d.Entries.Select((e, i) => new VoucherEntry(i + 1, e.Account, accounts[e.Account].Code, accounts[e.Account].Name, e.Debit, e.Credit, e.Aux))]))];
    }

    /// <summary>The product's accounts under the codes of the Chinese enterprise chart of accounts (企业会计准则), until the store sets its own.</summary>
    public static VoucherSettings Defaults { get; } = new(
    [
        new(VoucherAccount.Cash, "1001", "库存现金"),
        new(VoucherAccount.Bank, "1002", "银行存款"),
        new(VoucherAccount.CustomerReceivables, "1122", "应收账款"),
        new(VoucherAccount.WarrantyReceivables, "122101", "其他应收款-厂家索赔"),
        new(VoucherAccount.VehicleInventory, "140501", "库存商品-整车"),
        new(VoucherAccount.PartsInventory, "140502", "库存商品-配件"),
        new(VoucherAccount.InputVat, "22210101", "应交税费-应交增值税-进项税额"),
        new(VoucherAccount.OutputVat, "22210102", "应交税费-应交增值税-销项税额"),
        new(VoucherAccount.SupplierPayables, "2202", "应付账款"),
        new(VoucherAccount.VehicleSalesRevenue, "600101", "主营业务收入-整车"),
        new(VoucherAccount.AccessorySalesRevenue, "600102", "主营业务收入-精品"),
        new(VoucherAccount.ServiceLabourRevenue, "600103", "主营业务收入-维修工时"),
        new(VoucherAccount.ServicePartsRevenue, "600104", "主营业务收入-维修配件"),
        new(VoucherAccount.VehicleCostOfSales, "640101", "主营业务成本-整车"),
        new(VoucherAccount.PartsCostOfSales, "640102", "主营业务成本-配件"),
        new(VoucherAccount.UsedVehicleInventory, "140503", "库存商品-二手车"),
        new(VoucherAccount.PassThroughPayables, "224101", "其他应付款-代收代付"),
    ],
    [
        VoucherColumn.Date, VoucherColumn.VoucherWord, VoucherColumn.VoucherNumber, VoucherColumn.Entry, VoucherColumn.Summary,
        VoucherColumn.AccountCode, VoucherColumn.AccountName, VoucherColumn.Debit, VoucherColumn.Credit, VoucherColumn.Auxiliary,
        VoucherColumn.Preparer,
    ],
    "记");

    /// <summary>The VAT in an amount that includes it, at the rate.</summary>
    public static decimal VatIn(decimal amount, decimal rate) => decimal.Round(amount * rate / (1m + rate), 2, MidpointRounding.AwayFromZero);

    private static string InvoiceSummary(InvoiceFact i) => i.Kind switch
    {
        "CreditNote" => $"退车红字冲销 {i.Number} {i.Customer}",
        "Service" => $"维修结算 {i.Number} {i.Customer}",
        _ => $"销售整车 {i.Number} {i.Customer}",
    };

    private static List<(VoucherAccount, decimal, decimal, string?)> InvoiceEntries(InvoiceFact invoice)
    {
        List<(VoucherAccount, decimal, decimal, string?)> entries = [(VoucherAccount.CustomerReceivables, invoice.Amount, 0m, invoice.Customer)];

        // Revenue net of VAT, shared out over the lines by their amounts; the last line takes the cent the rounding leaves.
        var net = invoice.Amount - invoice.Vat;
        var lines = invoice.Lines.Where(l => l.Amount != 0m).ToList();
        var shared = 0m;
        var byAccount = new Dictionary<VoucherAccount, decimal>();
        for (var i = 0; i < lines.Count; i++)
        {
            var part = i == lines.Count - 1 ? net - shared : decimal.Round(lines[i].Amount * net / invoice.Amount, 2, MidpointRounding.AwayFromZero);
            shared += part;
            var account = Revenue(lines[i].Kind);
            byAccount[account] = byAccount.GetValueOrDefault(account) + part;
        }

        if (lines.Count == 0)
        {
            byAccount[invoice.Kind == "Service" ? VoucherAccount.ServiceLabourRevenue : VoucherAccount.VehicleSalesRevenue] = net;
        }

        entries.AddRange(byAccount.Where(a => a.Value != 0m).OrderBy(a => a.Key).Select(a => (a.Key, 0m, a.Value, (string?)null)));
        if (invoice.Vat != 0m)
        {
            entries.Add((VoucherAccount.OutputVat, 0m, invoice.Vat, null));
        }

        // What the customer owes also carries the fees the store collects for others, and is part paid by the car traded in.
        entries.AddRange(Pair(VoucherAccount.CustomerReceivables, VoucherAccount.PassThroughPayables, invoice.Fees, invoice.Customer));
        entries.AddRange(Pair(VoucherAccount.UsedVehicleInventory, VoucherAccount.CustomerReceivables, invoice.TradeIn, invoice.Customer));

        // A car's cost leaves the stock as it is sold (and comes back on its credit note).
        entries.AddRange(Pair(VoucherAccount.VehicleCostOfSales, VoucherAccount.VehicleInventory, invoice.Cost, null));
        return entries;
    }

    private static List<(VoucherAccount, decimal, decimal, string?)> MoneyEntries(MoneyFact m, decimal vatRate)
    {
        var received = m.Method switch
        {
            "Cash" => VoucherAccount.Cash,
            "Warranty" => VoucherAccount.WarrantyReceivables,
            _ => VoucherAccount.Bank,
        };
        var vat = VatIn(m.Amount, vatRate);
        return m.Kind switch
        {
            MoneyKind.CustomerPayment or MoneyKind.AccountPayment or MoneyKind.ServicePayment =>
                [(received, m.Amount, 0m, null), (VoucherAccount.CustomerReceivables, 0m, m.Amount, m.Party)],
            MoneyKind.CustomerRefund => [(VoucherAccount.CustomerReceivables, m.Amount, 0m, m.Party), (received, 0m, m.Amount, null)],
            MoneyKind.SupplierInvoice =>
                [(VoucherAccount.PartsInventory, m.Amount - vat, 0m, null), (VoucherAccount.InputVat, vat, 0m, null), (VoucherAccount.SupplierPayables, 0m, m.Amount, m.Party)],
            MoneyKind.SupplierPayment => [(VoucherAccount.SupplierPayables, m.Amount, 0m, m.Party), (VoucherAccount.Bank, 0m, m.Amount, null)],
            MoneyKind.SupplierCredit =>
                [(VoucherAccount.SupplierPayables, m.Amount, 0m, m.Party), (VoucherAccount.PartsInventory, 0m, m.Amount - vat, null), (VoucherAccount.InputVat, 0m, vat, null)],
            _ => throw new ArgumentOutOfRangeException(nameof(m), m.Kind, "not a kind of money"),
        };
    }

    private static IEnumerable<(VoucherAccount, decimal, decimal, string?)> Pair(VoucherAccount debit, VoucherAccount credit, decimal amount, string? aux) =>
        amount == 0m ? [] : [(debit, amount, 0m, aux), (credit, 0m, amount, aux)];

    private static VoucherAccount Revenue(string kind) => kind switch
    {
        "Accessory" => VoucherAccount.AccessorySalesRevenue,
        "Labour" => VoucherAccount.ServiceLabourRevenue,
        "Part" => VoucherAccount.ServicePartsRevenue,
        _ => VoucherAccount.VehicleSalesRevenue,
    };

    private static string PartsReason(string reason) => reason switch
    {
        "IssueToRepair" => "维修领料",
        "CounterSale" => "柜台销售",
        "ReturnFromRepair" => "维修退料",
        _ => reason,
    };
}
