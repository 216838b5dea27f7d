using Dealership.Contracts.Ownership;
using Dealership.Grains.Ownership;

namespace Dealership.Rules.Tests.Ownership;

/// <summary>How a day's records become balanced vouchers under the store's chart of accounts.</summary>
public sealed class VoucherRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly DateTimeOffset Morning = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Dictionary<VoucherAccount, AccountMapping> Accounts = VoucherRules.Defaults.Accounts.ToDictionary(a => a.Account);

    private static readonly InvoiceFact CarSale = new("INV-20261201-AB12CD34", "Vehicle", "dl1", Morning, "张伟", 236_000m, 27_150.44m,
        [new("Vehicle", "Tiguan L 330TSI White", 229_900m), new("Accessory", "Floor mats", 2_100m), new("Accessory", "Dash cam", 4_000m)], 198_000m);

    private static decimal Sum(IEnumerable<VoucherEntry> entries, VoucherAccount account, Func<VoucherEntry, decimal> side) =>
        entries.Where(e => e.Account == account).Sum(side);

    [Fact]
    public void A_car_s_invoice_credits_revenue_net_of_VAT_by_line_and_moves_its_cost_out_of_stock()
    {
        var voucher = Assert.Single(VoucherRules.Build([CarSale], [], [], Day, 0.13m, Accounts, 7));
        Assert.Equal(7, voucher.Number);
        Assert.Equal("invoice:INV-20261201-AB12CD34", voucher.Source);
        Assert.Equal(voucher.Debit, voucher.Credit);
        Assert.Equal(236_000m, Sum(voucher.Entries, VoucherAccount.CustomerReceivables, e => e.Debit));
        Assert.Equal(27_150.44m, Sum(voucher.Entries, VoucherAccount.OutputVat, e => e.Credit));
        var net = Sum(voucher.Entries, VoucherAccount.VehicleSalesRevenue, e => e.Credit) + Sum(voucher.Entries, VoucherAccount.AccessorySalesRevenue, e => e.Credit);
        Assert.Equal(236_000m - 27_150.44m, net);
        Assert.Equal(decimal.Round(229_900m * (236_000m - 27_150.44m) / 236_000m, 2), Sum(voucher.Entries, VoucherAccount.VehicleSalesRevenue, e => e.Credit));
        Assert.Equal((198_000m, 198_000m),
            (Sum(voucher.Entries, VoucherAccount.VehicleCostOfSales, e => e.Debit), Sum(voucher.Entries, VoucherAccount.VehicleInventory, e => e.Credit)));
        Assert.Equal(["1122", "600101", "600102", "22210102", "640101", "140501"], voucher.Entries.Select(e => e.Code));
        Assert.Equal("张伟", voucher.Entries[0].Auxiliary);
    }

    [Fact]
    public void A_credit_note_reverses_the_sale_in_red_on_the_same_sides()
    {
        var note = CarSale with
        {
            Number = "CN-20261203-AB12CD34",
            Kind = "CreditNote",
            Amount = -CarSale.Amount,
            Vat = -CarSale.Vat,
            Cost = -CarSale.Cost,
            Lines = [.. CarSale.Lines.Select(l => l with { Amount = -l.Amount })],
        };
        var sale = VoucherRules.Build([CarSale], [], [], Day, 0.13m, Accounts, 1).Single();
        var reversal = VoucherRules.Build([note], [], [], Day, 0.13m, Accounts, 1).Single();
        Assert.StartsWith("退车红字冲销", reversal.Summary);
        Assert.Equal(sale.Entries.Select(e => (e.Account, -e.Debit, -e.Credit)), reversal.Entries.Select(e => (e.Account, e.Debit, e.Credit)));
        Assert.Equal(reversal.Debit, reversal.Credit);
    }

    [Fact]
    public void Every_voucher_of_a_mixed_day_balances_and_each_record_has_its_own()
    {
        var service = new InvoiceFact("SVC-RO1", "Service", "ro1", Morning.AddHours(2), "李娜", 460m, 52.92m,
            [new("Labour", "Oil change", 340m), new("Part", "Oil filter", 120m)], 0m);
        MoneyFact[] money =
        [
            new("deal-payment:dl1:1", Morning.AddMinutes(-30), MoneyKind.CustomerPayment, "Cash", 5_000m, "张伟", "收购车定金 张伟"),
            new("deal-payment:dl1:2", Morning.AddMinutes(-10), MoneyKind.CustomerPayment, "BankTransfer", 231_000m, "张伟", "收购车款 张伟"),
            new("deal-payment:dl9:3", Morning.AddHours(1), MoneyKind.CustomerRefund, "WeChatPay", 2_000m, "王芳", "退客户购车款 王芳"),
            new("service-payment:ro1", Morning.AddHours(3), MoneyKind.ServicePayment, "Warranty", 460m, "李娜", "维修转厂家索赔 ro1 李娜"),
            new("account-payment:ka1:PAY-00001", Morning.AddHours(4), MoneyKind.AccountPayment, "BankTransfer", 500_000m, "北辰出租", "收大客户回款"),
            new("supplier:FAW Parts:E1", Morning.AddHours(5), MoneyKind.SupplierInvoice, "BankTransfer", 11_300m, "FAW Parts", "配件采购入库"),
            new("supplier:FAW Parts:E2", Morning.AddHours(6), MoneyKind.SupplierPayment, "BankTransfer", 10_000m, "FAW Parts", "支付供应商货款"),
            new("supplier:FAW Parts:E3", Morning.AddHours(7), MoneyKind.SupplierCredit, "BankTransfer", 113m, "FAW Parts", "供应商索赔冲减"),
        ];
        PartsCostFact[] parts = [new("IssueToRepair", 84.5m), new("ReturnFromRepair", -12m), new("CounterSale", 30m)];

        var vouchers = VoucherRules.Build([CarSale, service], money, parts, Day, 0.13m, Accounts, 1);

        Assert.Equal(11, vouchers.Count);
        Assert.Equal(Enumerable.Range(1, 11), vouchers.Select(v => v.Number));
        Assert.All(vouchers, v => Assert.Equal(v.Debit, v.Credit));
        Assert.Equal("deal-payment:dl1:1", vouchers[0].Source);
        Assert.Equal("parts-cost:2026-12-01", vouchers[^1].Source);
        Assert.Equal(VoucherAccount.Cash, vouchers[0].Entries[0].Account);
        var warranty = vouchers.Single(v => v.Source == "service-payment:ro1");
        Assert.Equal(VoucherAccount.WarrantyReceivables, warranty.Entries[0].Account);
        var supplierInvoice = vouchers.Single(v => v.Source == "supplier:FAW Parts:E1");
        Assert.Equal((10_000m, 1_300m, 11_300m),
            (Sum(supplierInvoice.Entries, VoucherAccount.PartsInventory, e => e.Debit), Sum(supplierInvoice.Entries, VoucherAccount.InputVat, e => e.Debit),
                Sum(supplierInvoice.Entries, VoucherAccount.SupplierPayables, e => e.Credit)));
        var serviceVoucher = vouchers.Single(v => v.Source == "invoice:SVC-RO1");
        Assert.Equal(460m - 52.92m,
            Sum(serviceVoucher.Entries, VoucherAccount.ServiceLabourRevenue, e => e.Credit) + Sum(serviceVoucher.Entries, VoucherAccount.ServicePartsRevenue, e => e.Credit));
        // Parts leave the stock at cost net of VAT, as their supplier's invoice put them in: 84.50 + 30.00 − 12.00 less VAT.
        Assert.Equal(parts.Sum(p => p.Cost - VoucherRules.VatIn(p.Cost, 0.13m)), Sum(vouchers[^1].Entries, VoucherAccount.PartsCostOfSales, e => e.Debit));
        Assert.Equal(90.71m, Sum(vouchers[^1].Entries, VoucherAccount.PartsInventory, e => e.Credit));
    }

    [Fact]
    public void A_sale_s_receivable_also_carries_its_fees_and_is_part_paid_by_the_car_traded_in()
    {
        // The customer pays the car and accessories, 1,200 of plates collected for the authorities, less 50,000 for the old car.
        var sale = CarSale with { Fees = 1_200m, TradeIn = 50_000m };
        var voucher = VoucherRules.Build([sale], [], [], Day, 0.13m, Accounts, 1).Single();
        Assert.Equal(voucher.Debit, voucher.Credit);
        var owed = Sum(voucher.Entries, VoucherAccount.CustomerReceivables, e => e.Debit) - Sum(voucher.Entries, VoucherAccount.CustomerReceivables, e => e.Credit);
        Assert.Equal(236_000m + 1_200m - 50_000m, owed);
        Assert.Equal(1_200m, Sum(voucher.Entries, VoucherAccount.PassThroughPayables, e => e.Credit));
        Assert.Equal(50_000m, Sum(voucher.Entries, VoucherAccount.UsedVehicleInventory, e => e.Debit));
    }

    [Fact]
    public void The_store_s_own_codes_and_names_are_used()
    {
        var mine = VoucherRules.Defaults.Accounts.ToDictionary(a => a.Account);
        mine[VoucherAccount.CustomerReceivables] = new(VoucherAccount.CustomerReceivables, "1122.01", "应收账款-个人客户");
        var voucher = VoucherRules.Build([CarSale], [], [], Day, 0.13m, mine, 1).Single();
        Assert.Equal(("1122.01", "应收账款-个人客户"), (voucher.Entries[0].Code, voucher.Entries[0].Name));
    }

    [Fact]
    public void Settings_name_every_account_once_and_the_columns_a_file_needs()
    {
        Assert.False(VoucherRules.Defaults.Validate().Any);
        var missing = VoucherRules.Defaults with { Accounts = [.. VoucherRules.Defaults.Accounts.Skip(1)] };
        Assert.Contains("accounts", missing.Validate().ToDictionary().Keys);
        var blank = VoucherRules.Defaults with { Accounts = [.. VoucherRules.Defaults.Accounts.Select((a, i) => i == 2 ? a with { Code = " " } : a)] };
        Assert.Contains("accounts[2].code", blank.Validate().ToDictionary().Keys);
        var noCredit = VoucherRules.Defaults with { Columns = [VoucherColumn.Date, VoucherColumn.VoucherNumber, VoucherColumn.AccountCode, VoucherColumn.Debit] };
        Assert.Contains("columns", noCredit.Validate().ToDictionary().Keys);
        var twice = VoucherRules.Defaults with { Columns = [.. VoucherRules.Defaults.Columns, VoucherColumn.Date] };
        Assert.Contains("columns", twice.Validate().ToDictionary().Keys);
        Assert.Equal(52.92m, VoucherRules.VatIn(460m, 0.13m));
    }
}
