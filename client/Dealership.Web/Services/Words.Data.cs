namespace Dealership.Web.Services;

/// <summary>The words of the data a store owns: its export (imports and accounting vouchers join them).</summary>
public static partial class Words
{
    private static Dictionary<string, (string Zh, string En)> DataWords => new()
    {
        ["nav.data"] = ("数据导出", "Data export"),
        ["data.title"] = ("门店数据", "The store's data"),
        ["data.export"] = ("完整导出", "Full export"),
        ["data.exportAbout"] = ("下载门店拥有的全部数据：每张数据表一个 CSV 文件，附 README 说明各列，打包为一个 .zip，取自同一时刻的一致快照。其中含客户个人信息，请妥善保管。", "Download everything the store owns: one CSV file per table, with a README of their columns, in one .zip taken from one consistent snapshot. It holds customers' personal data: keep it safe."),
        ["data.exportStore"] = ("导出门店 {0}", "Export store {0}"),
        ["data.exportGroup"] = ("导出整个集团 {0}", "Export the whole group {0}"),
        ["data.audited"] = ("每次导出都记入审计日志（谁、何时、哪家门店）。", "Every export is written to the audit trail (who, when, which store)."),
    };
}
