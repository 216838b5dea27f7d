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

    public static readonly IReadOnlyList<ImportColumn> Staff =
    [
        new("username", "用户名", "Username", true, "What the member signs in with: 2-40 lower-case letters, digits and '-', starting with a letter; unique in the whole system."),
        new("displayName", "姓名", "Name", true, "The member's name as colleagues and customers see it (up to 80 characters)."),
        new("role", "岗位", "Role", true, "One role of a store, in Chinese or English: 总经理 General manager, 销售经理 Sales manager, 销售顾问 Sales " +
            "consultant, 销售信息员 Sales information clerk, 金融专员 Finance specialist, 收银员 Cashier, 配件计划员 Parts planner, 服务顾问 " +
            "Service advisor, 技师 Technician, 客服专员 Customer service caller."),
    ];

    public static readonly IReadOnlyList<ImportColumn> Customers =
    [
        new("mobile", "手机号", "Mobile", true, "The customer's mainland mobile number (11 digits; +86 and spaces are fine): how the store knows them."),
        new("customerName", "姓名", "Name", true, "The customer's name (up to 60 characters)."),
        new("marketingConsent", "同意营销联系", "Marketing consent", false, "是/否 (yes/no): whether the store may contact them with reminders and offers; left empty, not recorded."),
        new("consentChannel", "联系渠道", "Consent channel", false, "The channel they agreed to: 电话 Phone, 短信 SMS or 微信 WeChat."),
        new("firstSeen", "首次到店日期", "First seen", false, "The day the store first met them (yyyy-mm-dd); the import's day if left empty."),
    ];

    public static readonly IReadOnlyList<ImportColumn> Prospects =
    [
        new("mobile", "手机号", "Mobile", true, "The prospect's mainland mobile number (11 digits)."),
        new("customerName", "姓名", "Name", true, "The prospect's name (up to 60 characters)."),
        new("consultant", "销售顾问", "Consultant", true, "The username of the store's consultant who follows them up."),
        new("grade", "意向级别", "Grade", true, "H (buys within 7 days), A (15), B (30) or C (90)."),
        new("modelOfInterest", "意向车型", "Model of interest", false, "The model they want (up to 60 characters)."),
        new("budget", "预算", "Budget", false, "What they mean to spend, CNY."),
        new("nextFollowUp", "下次跟进日期", "Next follow-up", false, "When the consultant calls next (yyyy-mm-dd, at most a year ahead; a past day is overdue); by the grade's rhythm if left empty."),
        new("note", "备注", "Note", false, "What the last system knew of them: the first line of their follow-up log (up to 500 characters)."),
    ];

    public static readonly IReadOnlyList<ImportColumn> Vehicles =
    [
        new("vin", "车架号", "VIN", true, "The car's 17-character VIN."),
        new("model", "车型", "Model", true, "The model (up to 60 characters)."),
        new("trim", "配置", "Trim", true, "The trim level (up to 60 characters)."),
        new("colour", "颜色", "Colour", true, "The exterior colour (up to 40 characters)."),
        new("cost", "采购成本", "Cost", true, "What the store paid the OEM, CNY (the car's cost in the books)."),
        new("status", "状态", "Status", true, "在库 In stock, 在途 In transit or 已订购 Ordered."),
        new("arrived", "入库日期", "Arrived", false, "The day an in-stock car arrived (yyyy-mm-dd, up to ten years back): its age in stock counts from it; the import's day if left empty."),
        new("demo", "试驾车", "Demo", false, "是/否 (yes/no): a demonstrator used for test drives."),
        new("certificate", "合格证", "Certificate", false, "Where the certificate of conformity is: 未收到 Not yet received, 保险柜 In safe, 融资银行 With floor-plan bank."),
        new("floorPlanLender", "融资机构", "Floor-plan lender", false, "The bank financing the car in stock (库存融资), if any (up to 80 characters)."),
        new("floorPlanDue", "融资到期日", "Floor-plan due", false, "The day the floor-plan credit must be repaid (yyyy-mm-dd); with a lender."),
    ];

    public static IReadOnlyList<ImportColumn> For(ImportKind kind) => kind switch
    {
        ImportKind.Vehicles => Vehicles,
        ImportKind.Customers => Customers,
        ImportKind.Prospects => Prospects,
        ImportKind.Staff => Staff,
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
