using Dealership.Grains.Storage;

namespace Dealership.Grains.Ownership;

/// <summary>
/// The records of a store's day that its vouchers are built from, read by the instant they were recorded ([from, to) is the
/// store's local day): invoices and credit notes, customers' payments and refunds, key accounts' payments, repair orders paid at
/// handover, suppliers' invoices, payments and credits, and the cost of the parts that left the shelves.
/// </summary>
public static class VoucherSources
{
    private const string Range = "store_id = $1 AND at >= $2 AND at < $3";

    public static Task<List<InvoiceFact>> Invoices(Database database, string storeId, DateTimeOffset from, DateTimeOffset to) =>
        database.List($"SELECT {InvoiceRow.Columns} FROM sales_invoices WHERE {Range} ORDER BY at, number", InvoiceRow.Read, storeId, from, to);

    public static async Task<List<MoneyFact>> Money(Database database, string storeId, DateTimeOffset from, DateTimeOffset to)
    {
        var money = new List<MoneyFact>();
        money.AddRange(await database.List(
            "SELECT p.deal_id, p.number, p.at, p.kind, p.method, p.amount, d.customer_name FROM deal_payments p " +
            "JOIN deals d ON d.store_id = p.store_id AND d.deal_id = p.deal_id WHERE p.store_id = $1 AND p.at >= $2 AND p.at < $3",
            r =>
            {
                var kind = r.GetString(3);
                var (what, moneyKind) = kind switch
                {
                    "Deposit" => ("收购车定金", MoneyKind.CustomerPayment),
                    "LoanDisbursement" => ("收按揭放款", MoneyKind.CustomerPayment),
                    "Refund" => ("退客户购车款", MoneyKind.CustomerRefund),
                    _ => ("收购车款", MoneyKind.CustomerPayment),
                };
                return new MoneyFact($"deal-payment:{r.GetString(0)}:{r.GetInt32(1)}", r.GetFieldValue<DateTimeOffset>(2), moneyKind, r.GetString(4),
                    r.GetDecimal(5), r.GetString(6), $"{what} {r.GetString(6)}");
            },
            storeId, from, to));
        money.AddRange(await database.List(
            "SELECT l.account_id, l.entry_id, l.at, -l.amount, k.name, COALESCE(l.reference, '') FROM account_ledger l " +
            "JOIN key_accounts k ON k.store_id = l.store_id AND k.account_id = l.account_id " +
            "WHERE l.store_id = $1 AND l.at >= $2 AND l.at < $3 AND l.kind = 'Payment'",
            r => new MoneyFact($"account-payment:{r.GetString(0)}:{r.GetString(1)}", r.GetFieldValue<DateTimeOffset>(2), MoneyKind.AccountPayment,
                r.GetString(5).Split(' ')[0], r.GetDecimal(3), r.GetString(4), $"收大客户回款 {r.GetString(4)} {r.GetString(1)}"),
            storeId, from, to));
        money.AddRange(await database.List(
            "SELECT repair_order_id, delivered_at, total, paid_with, customer_name FROM repair_orders " +
            "WHERE store_id = $1 AND delivered_at >= $2 AND delivered_at < $3 AND paid_with IS NOT NULL",
            r => new MoneyFact($"service-payment:{r.GetString(0)}", r.GetFieldValue<DateTimeOffset>(1), MoneyKind.ServicePayment, r.GetString(3),
                r.GetDecimal(2), r.GetString(4), r.GetString(3) == "Warranty"
                    ? $"维修转厂家索赔 {r.GetString(0)} {r.GetString(4)}"
                    : $"收维修款 {r.GetString(0)} {r.GetString(4)}"),
            storeId, from, to));
        money.AddRange(await database.List(
            $"SELECT supplier, entry_id, at, kind, abs(amount), COALESCE(reference, '') FROM supplier_ledger WHERE {Range}",
            r =>
            {
                var (what, kind) = r.GetString(3) switch
                {
                    "Invoice" => ("配件采购入库", MoneyKind.SupplierInvoice),
                    "Payment" => ("支付供应商货款", MoneyKind.SupplierPayment),
                    _ => ("供应商索赔冲减", MoneyKind.SupplierCredit),
                };
                return new MoneyFact($"supplier:{r.GetString(0)}:{r.GetString(1)}", r.GetFieldValue<DateTimeOffset>(2), kind, "BankTransfer",
                    r.GetDecimal(4), r.GetString(0), $"{what} {r.GetString(0)} {r.GetString(5)}".TrimEnd());
            },
            storeId, from, to));
        return money;
    }

    public static Task<List<PartsCostFact>> PartsCost(Database database, string storeId, DateTimeOffset from, DateTimeOffset to) =>
        database.List(
            // An issue or a return carries no cost of its own: it moves at the part's average cost.
            "SELECT m.reason, sum(-m.quantity * COALESCE(m.unit_cost, i.average_cost, 0)) FROM parts_movements m " +
            "JOIN parts_items i ON i.store_id = m.store_id AND i.part_number = m.part_number " +
            "WHERE m.store_id = $1 AND m.at >= $2 AND m.at < $3 AND m.reason IN ('IssueToRepair', 'CounterSale', 'ReturnFromRepair') " +
            "GROUP BY m.reason ORDER BY m.reason",
            r => new PartsCostFact(r.GetString(0), decimal.Round(r.GetDecimal(1), 2, MidpointRounding.AwayFromZero)), storeId, from, to);
}
