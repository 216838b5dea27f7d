using Dealership.Contracts.Ownership;
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
