using Dealership.Contracts.Ownership;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Imports;
using Dealership.Grains.Ownership;
using Dealership.Grains.Parts;

namespace Dealership.Rules.Tests.Ownership;

/// <summary>How an import reads its file and checks its rows: headers in either language, every problem of a row at once, demand laid on days.</summary>
public sealed class ImportRulesTests
{
    private static readonly Dictionary<string, int?> Suppliers = new() { ["一汽-大众配件中心"] = 5, ["本地供应商"] = null };

    private static ImportRow PartRow(params (string Column, string? Value)[] cells)
    {
        var values = new string?[ImportTemplates.Parts.Count];
        foreach (var (column, value) in cells)
        {
            values[ImportTemplates.Parts.ToList().FindIndex(c => c.Name == column)] = value;
        }

        return new ImportRow(2, values);
    }

    [Fact]
    public void A_good_part_row_reads_amounts_as_spreadsheets_show_them_and_takes_its_supplier_s_lead_time()
    {
        var (part, problems) = ImportRules.Part(PartRow(("partNumber", "l06j115403q"), ("description", "'=机油滤清器"), ("bin", "A-01"),
            ("supplier", "一汽-大众配件中心"), ("cost", "¥1,234.50"), ("price", "2,000"), ("onHand", "12"), ("demand01", "30"), ("demand12", "4.0")), Suppliers);
        Assert.Empty(problems);
        Assert.Equal(("L06J115403Q", "=机油滤清器", 1234.50m, 2000m, 12, 5, 1), (part!.Item.PartNumber, part.Item.Description, part.Item.Cost,
            part.Item.Price, part.Item.OnHand, part.Item.LeadTimeDays, part.Item.PackSize));
        Assert.Equal([30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4], part.Demand);
    }

    [Fact]
    public void A_bad_part_row_reports_every_problem_by_column_at_once()
    {
        var (part, problems) = ImportRules.Part(PartRow(("partNumber", "bad number!"), ("bin", "A-01"), ("supplier", "无此供应商"), ("cost", "abc"),
            ("price", "1.234"), ("onHand", "-5"), ("packSize", "0"), ("demand03", "2.5")), Suppliers);
        Assert.Null(part);
        Assert.Equal(
        [
            ("partNumber", "bad-part-number"), ("description", "required"), ("supplier", "unknown-supplier"), ("packSize", "out-of-range"),
            ("cost", "not-a-number"), ("price", "too-precise"), ("onHand", "negative"), ("demand03", "not-whole"),
        ], problems.Select(p => (p.Column, p.Code)));
        Assert.All(problems, p => Assert.Equal(2, p.Row));
    }

    [Fact]
    public void A_supplier_row_checks_its_phone_and_tax_number()
    {
        var cells = new string?[ImportTemplates.Suppliers.Count];
        cells[0] = "本地供应商";
        cells[2] = "not a phone";
        cells[3] = "123";
        var (supplier, problems) = ImportRules.Supplier(new ImportRow(5, cells));
        Assert.Null(supplier);
        Assert.Equal([("phone", "bad-phone"), ("taxNumber", "bad-tax-number")], problems.Select(p => (p.Column, p.Code)));

        cells[2] = "+86 10-6666 8888";
        cells[3] = "91110000ma01abcd2x";
        Assert.Equal("91110000MA01ABCD2X", ImportRules.Supplier(new ImportRow(5, cells)).Supplier!.TaxNumber);
    }

    [Fact]
    public void A_price_row_needs_a_part_number_and_an_amount()
    {
        Assert.Equal(("L06J115403Q", 41.5m), ImportRules.PartPrice(new ImportRow(2, ["l06j115403q", "41.50"])).Price is { } p ? (p.PartNumber, p.Price) : default);
        Assert.Equal([("price", "not-a-number")], ImportRules.PartPrice(new ImportRow(3, ["L06J115403Q", "abc"])).Problems.Select(x => (x.Column, x.Code)));
        Assert.Equal([("price", "required")], ImportRules.PartPrice(new ImportRow(4, ["L06J115403Q", null])).Problems.Select(x => (x.Column, x.Code)));
    }

    [Theory]
    [InlineData("销售顾问", StaffRole.SalesConsultant)]
    [InlineData("Sales consultant", StaffRole.SalesConsultant)]
    [InlineData("SalesConsultant", StaffRole.SalesConsultant)]
    [InlineData(" 客服专员 ", StaffRole.CustomerServiceCaller)]
    [InlineData("parts planner", StaffRole.PartsPlanner)]
    [InlineData("分期专员", StaffRole.FinanceSpecialist)]
    [InlineData("客服回访专员", StaffRole.CustomerServiceCaller)]
    public void A_staff_row_names_a_store_role_in_Chinese_or_English(string role, StaffRole expected)
    {
        var (staff, problems) = ImportRules.Staff(new ImportRow(2, ["Li-Lei", "李雷", role]));
        Assert.Empty(problems);
        Assert.Equal(("li-lei", expected), (staff!.Username, staff.Role));
    }

    [Theory]
    [InlineData("ABCD-2345-6789")]
    [InlineData("abcd 2345 6789")]
    [InlineData("ＡＢＣＤ－２３４５－６７８９")]
    public void A_one_time_code_reads_the_same_however_it_is_typed(string typed) =>
        Assert.Equal("ABCD23456789", Dealership.Grains.Staff.SignInCodes.Plain(typed));

    [Fact]
    public void A_staff_row_with_a_group_wide_role_or_a_bad_username_is_bad()
    {
        Assert.Equal([("role", "unknown-role")], ImportRules.Staff(new ImportRow(2, ["hq-li", "李", "集团总部"])).Problems.Select(x => (x.Column, x.Code)));
        Assert.Equal([("role", "unknown-role")], ImportRules.Staff(new ImportRow(2, ["it-li", "李", "Administrator"])).Problems.Select(x => (x.Column, x.Code)));
        Assert.Equal([("username", "bad-username"), ("displayName", "required")],
            ImportRules.Staff(new ImportRow(3, ["9lives", null, "技师"])).Problems.Select(x => (x.Column, x.Code)));
    }

    [Fact]
    public void A_customer_row_normalises_the_mobile_and_reads_consent_and_a_day_as_people_write_them()
    {
        var today = new DateOnly(2026, 12, 7);
        var (customer, problems) = ImportRules.Customer(new ImportRow(2, ["+86 138-0013-8000", "王芳", "是", "微信", "2024年3月8日"]), today);
        Assert.Empty(problems);
        Assert.Equal(("13800138000", true, ContactChannel.WeChat, new DateOnly(2024, 3, 8)),
            (customer!.Mobile, customer.Marketing, customer.Channel, customer.FirstSeen));
        Assert.Null(ImportRules.Customer(new ImportRow(3, ["13800138000", "王芳", null, null, null]), today).Customer!.Marketing);

        var bad = ImportRules.Customer(new ImportRow(4, ["12345", "王芳", "maybe", "微信", "2027-01-01"]), today).Problems;
        Assert.Equal([("mobile", "bad-mobile"), ("marketingConsent", "not-a-choice"), ("consentChannel", "channel-without-consent"),
            ("firstSeen", "out-of-range")], bad.Select(x => (x.Column, x.Code)));
    }

    [Fact]
    public void A_prospect_row_names_one_of_the_store_s_consultants_and_a_grade()
    {
        var today = new DateOnly(2026, 12, 7);
        var consultants = new HashSet<string> { "chaoyang-sc1" };
        var (prospect, problems) = ImportRules.Prospect(new ImportRow(2, ["13800138000", "李强", "Chaoyang-SC1", "h", "帕萨特", "¥220,000", "2026/12/20", "老客户"]),
            consultants, today);
        Assert.Empty(problems);
        Assert.Equal(("chaoyang-sc1", ProspectGrade.H, 220_000m, new DateOnly(2026, 12, 20)), (prospect!.ConsultantId, prospect.Grade, prospect.Budget, prospect.NextFollowUp));

        var bad = ImportRules.Prospect(new ImportRow(3, ["13800138000", "李强", "haidian-sc1", "D", null, null, "2028-01-01", null]), consultants, today).Problems;
        Assert.Equal([("consultant", "unknown-consultant"), ("grade", "not-a-choice"), ("nextFollowUp", "out-of-range")], bad.Select(x => (x.Column, x.Code)));
    }

    [Fact]
    public void A_vehicle_row_reads_status_certificate_and_floor_plan_in_Chinese_or_English()
    {
        var today = new DateOnly(2026, 12, 7);
        var vin = "LFV2A24B" + Vin.CheckDigit("LFV2A24B0T1234567") + "T1234567";
        var (car, problems) = ImportRules.Vehicle(new ImportRow(2, [vin.ToLowerInvariant(), "朗逸", "1.5L", "白", "98,500", "In stock", "2026/6/1", "yes",
            "with floor-plan bank", "北京银行", "2027-03-01"]), today);
        Assert.Empty(problems);
        Assert.Equal((vin, VehicleStatus.InStock, 98_500m, true, CertificateLocation.WithFloorPlanBank, new DateOnly(2026, 6, 1)),
            (car!.Car.Vin, car.Car.Status, car.Car.Cost, car.Car.Demo, car.Car.Certificate, car.Arrived));
        Assert.Equal(new FloorPlan("北京银行", new DateOnly(2027, 3, 1)), car.FloorPlan);

        var bad = ImportRules.Vehicle(new ImportRow(3, [vin, "朗逸", "1.5L", "白", "0", "在途", "2026-06-01", null, "抽屉", "北京银行", null]), today).Problems;
        Assert.Equal([("cost", "out-of-range"), ("arrived", "arrival-not-in-stock"), ("certificate", "not-a-choice"), ("floorPlanDue", "floor-plan-incomplete")],
            bad.Select(x => (x.Column, x.Code)));
        var wrongDigit = vin[..8] + (vin[8] == '0' ? '1' : '0') + vin[9..];
        Assert.Equal([("vin", "bad-vin")], ImportRules.Vehicle(new ImportRow(5, [wrongDigit, "朗逸", "1.5L", "白", "1", "在库", null, null, null, null, null]), today)
            .Problems.Select(x => (x.Column, x.Code)));
        var noDue = ImportRules.Vehicle(new ImportRow(4, [vin, "朗逸", "1.5L", "白", "1", "已订购", null, null, null, "北京银行", null]), today).Problems;
        Assert.Equal([("floorPlanDue", "floor-plan-incomplete")], noDue.Select(x => (x.Column, x.Code)));
    }

    [Theory]
    [InlineData("配件编号", 0)]
    [InlineData("Part number", 0)]
    [InlineData("配件编号 Part number", 0)]
    [InlineData(" PART_NUMBER ", 0)]
    [InlineData("\uFEFFpartNumber", 0)]
    [InlineData("交货周期（天）", 5)]
    [InlineData("前12月需求", 21)]
    [InlineData("Colour", -1)]
    public void A_header_names_its_column_in_either_language(string header, int column) =>
        Assert.Equal(column, ImportTemplates.Find(ImportTemplates.Parts, header));

    [Fact]
    public void Monthly_demand_is_laid_on_the_days_of_each_month_as_evenly_as_whole_units_allow()
    {
        var today = new DateOnly(2026, 12, 7);
        var days = ImportedDemand.Days([45, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], today).ToList();

        // Month 1 is November (the last whole month): 45 units over 30 days is one or two a day.
        var november = days.Where(d => d.Day.Month == 11 && d.Day.Year == 2026).ToList();
        Assert.Equal((30, 45), (november.Count, november.Sum(d => d.Quantity)));
        Assert.All(november, d => Assert.InRange(d.Quantity, 1, 2));

        // A slow month: single units on evenly spaced days.
        var october = days.Where(d => d.Day.Month == 10).Select(d => d.Day.Day).ToList();
        Assert.Equal([6, 16, 26], october);
        Assert.Equal(new DateOnly(2025, 12, 16), days.Single(d => d.Day.Year == 2025).Day);

        // The history starts with month 12, unless that is more than the planner's year back.
        Assert.Equal(new DateOnly(2025, 12, 8), ImportedDemand.HistoryStart(today, 12));
        Assert.Equal(new DateOnly(2026, 9, 1), ImportedDemand.HistoryStart(today, 3));
        Assert.Equal(49, days.Sum(d => d.Quantity));
    }

    [Theory]
    [InlineData("quote")]
    [InlineData("long-quote")]
    [InlineData("long-cell")]
    [InlineData("columns")]
    public async Task A_csv_file_s_faults_stop_the_read_with_the_row_they_are_on(string fault)
    {
        var text = "a,b\r\nok,1\r\n" + fault switch
        {
            "quote" => "\"never closed,2\r\nnext,3\r\n",
            "long-quote" => "\"" + new string('x', 10_000_000),
            "long-cell" => new string('x', CsvRecords.MaxFieldChars + 1) + ",2\r\n",
            _ => string.Join(",", Enumerable.Range(0, CsvRecords.MaxFields + 1)) + "\r\n",
        };
        var rows = new List<int>();
        var error = await Assert.ThrowsAsync<ImportFileException>(async () =>
        {
            await foreach (var (row, _) in CsvRecords.Read(new StringReader(text)))
            {
                rows.Add(row);
            }
        });
        Assert.Equal([1, 2], rows);
        Assert.StartsWith("Row 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_records_keep_quoted_commas_quotes_and_line_breaks_and_number_rows_as_a_spreadsheet_does()
    {
        var text = "a,b,c\r\n\"1,5\",\"say \"\"hi\"\"\",x\r\n\r\n\"two\nlines\",,end\nlast,row,\"\"";
        var records = new List<(int Row, List<string> Fields)>();
        await foreach (var record in CsvRecords.Read(new StringReader(text)))
        {
            records.Add(record);
        }

        Assert.Equal([1, 2, 4, 5], records.Select(r => r.Row));
        Assert.Equal(["1,5", "say \"hi\"", "x"], records[1].Fields);
        Assert.Equal(["two\nlines", "", "end"], records[2].Fields);
        Assert.Equal(["last", "row", ""], records[3].Fields);
    }
}
