using System.Data;
using Dealership.Contracts.Ownership;
using MiniExcelLibs;

namespace Dealership.Gateway.Reports;

/// <summary>
/// A day's vouchers as the .xlsx a finance package imports (Kingdee's and Yonyou's voucher templates): one row per entry, in the
/// columns and order the store set, headed in Chinese as those templates are.
/// </summary>
public static class VoucherExport
{
    public static string Header(VoucherColumn column) => column switch
    {
        VoucherColumn.Date => "日期",
        VoucherColumn.VoucherWord => "凭证字",
        VoucherColumn.VoucherNumber => "凭证号",
        VoucherColumn.Entry => "分录号",
        VoucherColumn.Summary => "摘要",
        VoucherColumn.AccountCode => "科目代码",
        VoucherColumn.AccountName => "科目名称",
        VoucherColumn.Debit => "借方金额",
        VoucherColumn.Credit => "贷方金额",
        VoucherColumn.Auxiliary => "辅助项",
        VoucherColumn.Preparer => "制单人",
        _ => "来源",
    };

    public static byte[] Xlsx(VoucherDay day, VoucherSettings settings, string preparer)
    {
        var table = new DataTable("凭证");
        foreach (var column in settings.Columns)
        {
            table.Columns.Add(Header(column), column switch
            {
                VoucherColumn.Debit or VoucherColumn.Credit => typeof(decimal),
                VoucherColumn.VoucherNumber or VoucherColumn.Entry => typeof(int),
                _ => typeof(string),
            });
        }

        foreach (var voucher in day.Vouchers)
        {
            foreach (var entry in voucher.Entries)
            {
                table.Rows.Add([.. settings.Columns.Select(c => Cell(c, day, voucher, entry, preparer))]);
            }
        }

        using var stream = new MemoryStream();
        stream.SaveAs(table, sheetName: "凭证");
        return stream.ToArray();
    }

    private static object Cell(VoucherColumn column, VoucherDay day, Voucher voucher, VoucherEntry entry, string preparer) => column switch
    {
        VoucherColumn.Date => $"{day.Day:yyyy-MM-dd}",
        VoucherColumn.VoucherWord => day.VoucherWord,
        VoucherColumn.VoucherNumber => voucher.Number,
        VoucherColumn.Entry => entry.Entry,
        VoucherColumn.Summary => voucher.Summary,
        VoucherColumn.AccountCode => entry.Code,
        VoucherColumn.AccountName => entry.Name,
        VoucherColumn.Debit => entry.Debit,
        VoucherColumn.Credit => entry.Credit,
        VoucherColumn.Auxiliary => entry.Auxiliary ?? "",
        VoucherColumn.Preparer => preparer,
        _ => voucher.Source,
    };
}
