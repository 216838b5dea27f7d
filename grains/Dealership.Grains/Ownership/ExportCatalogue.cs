using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Ownership;

/// <summary>A column of an exported table, with its PostgreSQL type.</summary>
public sealed record ExportColumn(string Name, string Type)
{
    public bool IsText => Type is "text" or "varchar" or "bpchar";
}

/// <summary>A table of the project's database as an export sees it: its columns, its description and its primary key (the rows' order).</summary>
public sealed record ExportTable(string Name, string? Description, IReadOnlyList<ExportColumn> Columns, IReadOnlyList<string> Key)
{
    public bool Has(string column) => Columns.Any(c => c.Name == column);
}

/// <summary>
/// Which tables hold a store's or a group's data and which rows of each are theirs. Read from the database's own catalogue in the
/// export's snapshot, so a table added by a later migration is exported without anyone listing it here — as long as it says whose
/// rows it holds by a <c>store_id</c> or <c>group_id</c> column (a test fails for a table that does neither, or has no description).
/// </summary>
public static class ExportCatalogue
{
    /// <summary>The cluster's runtime (membership, reminders, Orleans' queries), the schema's history, retry answers kept a day, and
    /// release 7's state table (copied to <c>grain_state</c> when the schema moved on): not data a store owns.</summary>
    public static readonly IReadOnlySet<string> NotExported = new HashSet<string>(StringComparer.Ordinal)
    {
        "orleansmembershiptable", "orleansmembershipversiontable", "orleansquery", "orleansreminderstable", "orleansstorage_release7",
        "dealership_schema_history", "operations",
    };

    /// <summary>Grain state keyed by the group (its VINs, its staff, its transfers): a group export's, not a store's.</summary>
    public static readonly IReadOnlyList<string> GroupKeyedStates = ["group", "staff", "vehicle", "transfer"];

    /// <summary>Secrets never leave in an export: sign-in claims (password hashes), the wall boards' tokens, API clients' secret hashes and webhooks' sealed secrets.</summary>
    public static readonly IReadOnlyList<string> SecretStates = ["login", "board-tokens", "api-client", "webhook"];

    public const string GrainState = "grain_state";

    // The export's owner rides in settings of its transaction, never in the statement text: COPY takes no parameters.
    public const string StoreSetting = "dealership.export_store", GroupSetting = "dealership.export_group", StoresSetting = "dealership.export_stores";
    private const string Store = $"current_setting('{StoreSetting}')";
    private const string Group = $"current_setting('{GroupSetting}')";
    private const string Stores = $"string_to_array(current_setting('{StoresSetting}'), ',')";

    private const string TablesSql =
        "SELECT c.relname, obj_description(c.oid, 'pg_class'), a.attname, format_type(a.atttypid, NULL), t.typname, " +
        "(SELECT array_position(i.indkey::int2[], a.attnum) FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary) " +
        "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped JOIN pg_type t ON t.oid = a.atttypid " +
        "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname, a.attnum";

    /// <summary>Every table of the project's schema, read in the caller's transaction.</summary>
    public static async Task<IReadOnlyList<ExportTable>> Tables(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(TablesSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string Table, string? Description, ExportColumn Column, int? KeyAt)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), Sql.Text(reader, 1), new ExportColumn(reader.GetString(2), reader.GetString(4)),
                reader.IsDBNull(5) ? null : reader.GetInt32(5)));
        }

        return [.. rows.GroupBy(r => r.Table).Select(t => new ExportTable(t.Key, t.First().Description, [.. t.Select(r => r.Column)],
            [.. t.Where(r => r.KeyAt is not null).OrderBy(r => r.KeyAt).Select(r => r.Column.Name)]))];
    }

    /// <summary>Tables whose rows an export could not attribute to a store or a group: a migration that added one must say whose they are.</summary>
    public static IEnumerable<string> Unattributed(IEnumerable<ExportTable> tables) =>
        tables.Where(t => !NotExported.Contains(t.Name) && t.Name != GrainState && StoreRows(t) is null && GroupRows(t) is null).Select(t => t.Name);

    /// <summary>Which rows of a table are the export's store's, or null if the table holds none of a store's own (group-level rows).</summary>
    public static string? StoreRows(ExportTable table) =>
        table.Name == GrainState ? StoreStateRows
        : table.Has("store_id") ? $"store_id = {Store}"
        : table.Has("from_store_id") && table.Has("to_store_id") ? $"{Store} IN (from_store_id, to_store_id)"
        : table.Has("store_ids") ? $"{Store} = ANY(store_ids)"
        : null;

    /// <summary>Which rows of a table are the export's group's.</summary>
    public static string? GroupRows(ExportTable table) =>
        table.Name == GrainState ? GroupStateRows
        : table.Has("group_id") ? $"group_id = {Group}"
        : table.Has("store_id") ? $"store_id = ANY({Stores})"
        : null;

    // A store's grains are keyed "store/{store}" or "{store}/{id}"; a group's "group/{group}" or "{group}/{id}" (GrainKeys).
    private static readonly string NotSecret = $"state_name <> ALL(ARRAY['{string.Join("', '", SecretStates)}'])";
    private static readonly string GroupKeyed = $"state_name = ANY(ARRAY['{string.Join("', '", GroupKeyedStates)}'])";

    private static readonly string StoreStateRows =
        $"{NotSecret} AND NOT {GroupKeyed} AND (grain_key = 'store/' || {Store} " +
        $"OR (left(grain_key, length({Store}) + 1) = {Store} || '/' AND left(grain_key, 6) <> 'store/'))";

    private static readonly string GroupStateRows =
        $"{NotSecret} AND ((NOT {GroupKeyed} AND ((left(grain_key, 6) = 'store/' AND substr(grain_key, 7) = ANY({Stores})) " +
        $"OR (left(grain_key, 6) <> 'store/' AND split_part(grain_key, '/', 1) = ANY({Stores})))) " +
        $"OR ({GroupKeyed} AND (grain_key = 'group/' || {Group} OR split_part(grain_key, '/', 1) = {Group})))";

    /// <summary>
    /// The COPY that writes a table's rows as CSV: every column in the table's order; text that a spreadsheet would run as a formula
    /// gets a leading apostrophe; password hashes are left out of staff state; rows in primary-key order so two exports compare line by line.
    /// </summary>
    public static string Copy(ExportTable table, string rows)
    {
        var columns = string.Join(", ", table.Columns.Select(c => Column(table, c)));
        var order = table.Key.Count > 0 ? $" ORDER BY {string.Join(", ", table.Key.Select(Quote))}" : "";
        return $"COPY (SELECT {columns} FROM {Quote(table.Name)} WHERE {rows}{order}) TO STDOUT (FORMAT csv, HEADER true)";
    }

    private static string Column(ExportTable table, ExportColumn column)
    {
        var name = Quote(column.Name);
        if (table.Name == GrainState && column.Name == "payload")
        {
            return $"CASE WHEN state_name = 'staff' THEN payload - 'PasswordHash' ELSE payload END AS {name}";
        }

        return column.IsText
            ? $"CASE WHEN left({name}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || {name} ELSE {name} END AS {name}"
            : name;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
