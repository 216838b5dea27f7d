using System.Globalization;

namespace Dealership.Contracts.Ownership;

/// <summary>One column of an import's template: its name in the report, its Chinese and English headers, and what it holds.</summary>
public sealed record ImportColumn(string Name, string Chinese, string English, bool Required, string Holds)
{
    /// <summary>The template's header cell: Chinese first, as the store's staff read it, then English.</summary>
    public string Header => $"{Chinese} {English}";
}

/// <summary>
/// The columns each import reads, in template order. A file's header may give a column in Chinese, in English, as the
/// template writes it (both) or by its name; case, spaces and underscores do not matter, and columns may come in any order.
/// </summary>
public static class ImportTemplates
{
    /// <summary>Months of demand history on a part's row: 1 is the last whole month before the import, 12 the earliest.</summary>
    public const int DemandMonths = 12;

    public static readonly IReadOnlyList<ImportColumn> Suppliers =
    [
        new("name", "供应商名称", "Supplier", true, "The supplier's name as parts and purchase orders name it (up to 80 characters)."),
        new("contact", "联系人", "Contact", false, "Who to call there."),
        new("phone", "联系电话", "Phone", false, "A phone number (digits, spaces, '+', '-')."),
        new("taxNumber", "纳税人识别号", "Tax number", false, "The unified social credit code (15-20 letters and digits)."),
        new("address", "地址", "Address", false, "Where it is."),
        new("leadTimeDays", "交货周期(天)", "Lead time days", false, "Usual days from order to arrival (0-365)."),
        new("paymentDays", "付款期(天)", "Payment days", false, "Days to pay its invoices (0-365)."),
    ];

    public static readonly IReadOnlyList<ImportColumn> Parts =
    [
        new("partNumber", "配件编号", "Part number", true, "The OEM's part number: 2-30 capital letters, digits, '.' and '-'."),
        new("description", "配件名称", "Description", true, "What the part is and what it fits (up to 120 characters)."),
        new("bin", "库位", "Bin", true, "Where it is kept (up to 20 characters)."),
        new("supplier", "供应商", "Supplier", false, "A supplier the store knows (import suppliers first)."),
        new("packSize", "包装数量", "Pack size", false, "Orders are whole packs (1-10,000; 1 if left empty)."),
        new("leadTimeDays", "交货周期(天)", "Lead time days", false, "Days from order to arrival (0-365; the supplier's, else 7, if left empty)."),
        new("minimum", "最低库存", "Minimum", false, "Stocked up to this until the part has 90 days of demand (0 if left empty)."),
        new("cost", "成本价", "Cost", false, "Unit cost of the stock on hand, CNY (the moving average starts from it)."),
        new("price", "销售价", "Price", false, "Selling price per unit, CNY incl. VAT."),
        new("onHand", "库存数量", "On hand", false, "Units on the shelf: the opening stock (0-1,000,000)."),
        .. Enumerable.Range(1, DemandMonths).Select(m => new ImportColumn(DemandColumn(m), $"前{m}月需求", $"Demand month {m}", false,
            m == 1 ? "Units issued or sold in the last whole month (0 if left empty)." : $"Units issued or sold {m} months back.")),
    ];

    public static readonly IReadOnlyList<ImportColumn> PartPrices =
    [
        new("partNumber", "配件编号", "Part number", true, "The OEM's part number."),
        new("price", "建议零售价", "Price", true, "The new selling price per unit, CNY incl. VAT."),
    ];

    public static IReadOnlyList<ImportColumn> For(ImportKind kind) => kind switch
    {
        ImportKind.Suppliers => Suppliers,
        ImportKind.Parts => Parts,
        ImportKind.PartPrices => PartPrices,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not an import kind."),
    };

    public static string DemandColumn(int monthsBack) => "demand" + monthsBack.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The template column a header cell names, or -1.</summary>
    public static int Find(IReadOnlyList<ImportColumn> columns, string header)
    {
        var key = Key(header);
        for (var i = 0; i < columns.Count; i++)
        {
            var c = columns[i];
            if (key.Length > 0 && (key == Key(c.Name) || key == Key(c.Chinese) || key == Key(c.English) || key == Key(c.Header)))
            {
                return i;
            }
        }

        return -1;
    }

    // Full-width letters and brackets (what a Chinese input method types) read as their ASCII forms.
    private static string Key(string text) =>
        new([.. text.Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)
            .Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '\uFEFF')).Select(char.ToLowerInvariant)]);
}
