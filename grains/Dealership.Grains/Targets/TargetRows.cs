using Dealership.Contracts.Targets;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Targets;

/// <summary>A year's target rows before they are written again (month 0 is the year; consultant "" the store).</summary>
internal sealed record TargetRowsCleared(string StoreId, int Year) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command("DELETE FROM sales_targets WHERE store_id = $1 AND year = $2", StoreId, Year);
}

internal sealed record TargetRow(string GroupId, string StoreId, int Year, int Month, string ConsultantId, int Units, decimal GrossProfit) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO sales_targets (group_id, store_id, year, month, consultant_id, units, gross_profit) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        GroupId, StoreId, Year, Month, ConsultantId, Units, GrossProfit);
}

/// <summary>A store's latest summary, kept for its group's rollup to start from.</summary>
internal sealed record StoreSummaryRow(string GroupId, StoreSummary S) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO store_summaries (group_id, store_id, summary, version, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (store_id) DO UPDATE SET " +
        "summary = EXCLUDED.summary, version = EXCLUDED.version, at = EXCLUDED.at WHERE store_summaries.version < EXCLUDED.version",
        GroupId, S.StoreId, Sql.Jsonb(System.Text.Json.JsonSerializer.Serialize(S, GrainStateStore.Json)), S.Version, S.At);
}
