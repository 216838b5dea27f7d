using System.Data;
using System.Text;
using Dealership.Contracts.Ownership;
using MiniExcelLibs;

namespace Dealership.Gateway.Imports;

/// <summary>
/// An import's template: the header row, each column in Chinese and English. The .xlsx adds a second sheet saying what each
/// column holds and whether it is required; the CSV is UTF-8 with a byte order mark, so Excel opens the Chinese as written.
/// </summary>
public static class ImportTemplateFile
{
    public static string FileName(ImportKind kind, string extension) => $"{kind.ToString().ToLowerInvariant()}-import-template.{extension}";

    public static byte[] Csv(ImportKind kind)
    {
        var header = string.Join(",", ImportTemplates.For(kind).Select(c => Quote(c.Header)));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(header + "\r\n")];
    }

    public static byte[] Xlsx(ImportKind kind)
    {
        var columns = ImportTemplates.For(kind);
        var data = new DataTable("数据 Data");
        foreach (var column in columns)
        {
            data.Columns.Add(column.Header, typeof(string));
        }

        var notes = new DataTable("说明 Notes");
        notes.Columns.Add("列 Column", typeof(string));
        notes.Columns.Add("必填 Required", typeof(string));
        notes.Columns.Add("内容 Holds", typeof(string));
        foreach (var column in columns)
        {
            notes.Rows.Add(column.Header, column.Required ? "是 yes" : "否 no", column.Holds);
        }

        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["数据 Data"] = data, ["说明 Notes"] = notes });
        return stream.ToArray();
    }

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) ? $"\"{text}\"" : text;
}
