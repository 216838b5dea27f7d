using System.Globalization;
using System.Text;

namespace Dealership.Grains.Ownership;

/// <summary>The README.md at the top of an export: what it holds, how its files are written, and each file's columns.</summary>
public static class ExportReadme
{
    public const string FileName = "README.md";

    public static byte[] Write(string whose, string by, DateTimeOffset snapshotAt, IReadOnlyList<ExportTable> tables, bool importFiles = false)
    {
        var text = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"# Data export: {whose}")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Taken by {by} at {snapshotAt:yyyy-MM-dd HH:mm:ss} UTC. Every file was read in one consistent")
            .AppendLine("snapshot of the database: a change committed after that instant is in none of them, one committed before is in all.")
            .AppendLine()
            .AppendLine("## How the files are written")
            .AppendLine()
            .AppendLine("- One CSV file per table (RFC 4180): UTF-8 with a byte order mark, comma-separated, the first row names the columns.")
            .AppendLine("- An empty unquoted field is NULL (no value); an empty quoted field (\"\") is empty text.")
            .AppendLine("- Money is CNY as a decimal number with a point (12345.67). Instants are UTC, `yyyy-MM-dd HH:mm:ss.ffffff+00`;")
            .AppendLine("  dates are `yyyy-MM-dd`, the store's local day. `boolean` is `t` or `f`. `jsonb` columns hold a JSON document;")
            .AppendLine("  array columns (`text[]`) are written `{a,b}`.")
            .AppendLine("- Text that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading apostrophe (`'`), as")
            .AppendLine("  spreadsheets write it, so that opening a file never runs it as a formula. Remove that one apostrophe to read the text as stored.")
            .AppendLine("- Rows are in each table's primary-key order, so two exports can be compared line by line.")
            .AppendLine("- `grain_state.csv` holds the live state of each record (a car's status, a deal's terms, a parts item's counts) as JSON,")
            .AppendLine("  one row per record; the other files are the records' tables (histories, ledgers, lists).")
            .AppendLine()
            .AppendLine("The files hold personal data (customers' names and mobiles) as the system stores it: keep this archive as you keep the")
            .AppendLine("system itself. Never in an export: password hashes and wall-board tokens (secrets), the answers to retried requests")
            .AppendLine("(kept 24 hours), and the cluster's own runtime tables.")
            .AppendLine()
            .AppendLine();
        if (importFiles)
        {
            text.AppendLine("## Moving the store: imports/")
                .AppendLine()
                .AppendLine("The folder `imports/` holds the store's staff, customers (with their consent), open prospects, cars in stock and on")
                .AppendLine("their way, suppliers and parts (with twelve months of demand) as this product's import templates read them, numbered")
                .AppendLine("in the order to import them. To move the store to another installation, open a store there and run each file")
                .AppendLine("through its Imports page (数据导入) in that order. Usernames are unique within an installation: in one that already")
                .AppendLine("has them, rename them in the staff file and in the prospects' consultant column first. Staff come without passwords")
                .AppendLine("(each is issued a one-time sign-in code there); deals, repair orders and histories stay in this archive.")
                .AppendLine();
        }

        text.AppendLine("## Files")
            .AppendLine();
        foreach (var table in tables)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {FileOf(table)}")
                .AppendLine()
                .AppendLine(table.Description ?? "(no description)")
                .AppendLine()
                .AppendLine("| column | type |")
                .AppendLine("| --- | --- |");
            foreach (var column in table.Columns)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {column.Name} | {TypeName(column.Type)} |");
            }

            text.AppendLine();
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string FileOf(ExportTable table) => table.Name + ".csv";

    private static string TypeName(string type) => type switch
    {
        "numeric" => "decimal",
        "timestamptz" => "instant (UTC)",
        "bool" => "boolean",
        "int2" or "int4" => "integer",
        "int8" => "bigint",
        "_text" => "text[]",
        _ => type,
    };
}
