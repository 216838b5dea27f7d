using Dealership.Contracts.Targets;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Targets;

/// <summary>A model's stock over a month, read from the stock ledger: its movements, and its cars for sale at the cut.</summary>
public sealed record ModelStock(StockMovement Movement, int ForSale, int AgeDays, int Aged, int Sold, int DaysToSell);

/// <summary>
/// A store's stock over one month, from the stock ledger alone (so any past month reads as it was): each model's opening and
/// closing balances and the lines between, the cars for sale at the cut (demo cars excluded) with their local calendar days
/// in this store and aged by days since they arrived in the group (as the stock list judges them), the cars that left by sale
/// with the days they had stood, and the cars in transit to the store at the cut by their history.
/// </summary>
public static class MonthStock
{
    public static async Task<IReadOnlyList<ModelStock>> ByModel(Database database, string groupId, string storeId, MonthPeriod month,
        string timeZoneId, int agedStockDays)
    {
        // Lines up to the month's end (a running month has none after now); ages as of the cut, the month's end or now.
        var balances = await database.List(
            "WITH v AS (SELECT l.vin, (array_agg(l.model ORDER BY l.number DESC))[1] AS model, (array_agg(l.demo ORDER BY l.number DESC))[1] AS demo, " +
            "coalesce(sum(l.quantity) FILTER (WHERE l.at < $3), 0) AS opening, " +
            "count(*) FILTER (WHERE l.at >= $3 AND l.type = 'Receipt') AS receipts, count(*) FILTER (WHERE l.at >= $3 AND l.type = 'TransferIn') AS transfers_in, " +
            "count(*) FILTER (WHERE l.at >= $3 AND l.type = 'Return') AS returns, count(*) FILTER (WHERE l.at >= $3 AND l.type = 'SaleOut') AS sales_out, " +
            "count(*) FILTER (WHERE l.at >= $3 AND l.type = 'TransferOut') AS transfers_out, " +
            "coalesce(sum(l.quantity) FILTER (WHERE l.at >= $3 AND l.type = 'Correction'), 0) AS corrections, sum(l.quantity) AS closing, " +
            "max(l.at) FILTER (WHERE l.quantity > 0) AS last_in " +
            "FROM stock_ledger l WHERE l.group_id = $1 AND l.store_id = $2 AND l.at < $4 GROUP BY l.vin), " +
            "d AS (SELECT v.*, $7::date - (v.last_in AT TIME ZONE $5)::date AS age, " +
            "$7::date - (least(c.arrived_in_group, v.last_in) AT TIME ZONE $5)::date AS since_arrival " +
            "FROM v LEFT JOIN vehicles c ON c.group_id = $1 AND c.vin = v.vin) " +
            "SELECT model, sum(opening)::int, sum(receipts)::int, sum(transfers_in)::int, sum(returns)::int, sum(sales_out)::int, sum(transfers_out)::int, " +
            "sum(corrections)::int, sum(closing)::int, count(*) FILTER (WHERE closing > 0 AND NOT demo)::int, " +
            "coalesce(sum(age) FILTER (WHERE closing > 0 AND NOT demo), 0)::int, " +
            "count(*) FILTER (WHERE closing > 0 AND NOT demo AND since_arrival > $6)::int " +
            "FROM d GROUP BY model",
            r => (Movement: new StockMovement(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6),
                r.GetInt32(7), r.GetInt32(8)), ForSale: r.GetInt32(9), Age: r.GetInt32(10), Aged: r.GetInt32(11)),
            groupId, storeId, month.Start, month.End, timeZoneId, agedStockDays, month.CutDay);

        // Days to sell: from the car's last line into this store's stock to the line that took it out by sale.
        var sold = (await database.List(
            "SELECT s.model, count(*)::int, coalesce(sum((s.at AT TIME ZONE $5)::date - (i.last_in AT TIME ZONE $5)::date), 0)::int " +
            "FROM stock_ledger s CROSS JOIN LATERAL (SELECT max(x.at) AS last_in FROM stock_ledger x " +
            "WHERE x.store_id = s.store_id AND x.vin = s.vin AND x.number < s.number AND x.quantity > 0) i " +
            "WHERE s.group_id = $1 AND s.store_id = $2 AND s.type = 'SaleOut' AND s.at >= $3 AND s.at < $4 AND NOT s.demo AND i.last_in IS NOT NULL " +
            "GROUP BY s.model",
            r => (Model: r.GetString(0), Count: r.GetInt32(1), Days: r.GetInt32(2)),
            groupId, storeId, month.Start, month.End, timeZoneId))
            .ToDictionary(s => s.Model, StringComparer.Ordinal);

        return [.. balances
            .Select(b => new ModelStock(b.Movement, b.ForSale, b.Age, b.Aged, sold.GetValueOrDefault(b.Movement.Model).Count,
                sold.GetValueOrDefault(b.Movement.Model).Days))
            .Where(m => m.Movement != m.Movement with { Opening = 0, Receipts = 0, TransfersIn = 0, Returns = 0, SalesOut = 0, TransfersOut = 0, Corrections = 0, Closing = 0 }
                || m.Sold > 0)
            .OrderBy(m => m.Movement.Model, StringComparer.Ordinal)];
    }

    /// <summary>The store's line: every model's movements added up.</summary>
    public static StockMovement Total(IEnumerable<ModelStock> models) => models.Select(m => m.Movement).Aggregate(
        new StockMovement("", 0, 0, 0, 0, 0, 0, 0, 0),
        (t, m) => new StockMovement("", t.Opening + m.Opening, t.Receipts + m.Receipts, t.TransfersIn + m.TransfersIn, t.Returns + m.Returns,
            t.SalesOut + m.SalesOut, t.TransfersOut + m.TransfersOut, t.Corrections + m.Corrections, t.Closing + m.Closing));

    /// <summary>Cars for sale (not demo) whose last status in the month was in transit to this store.</summary>
    public static async Task<int> InTransit(Database database, string groupId, string storeId, MonthPeriod month) =>
        await database.Scalar<int>(
            "SELECT count(*)::int FROM (SELECT DISTINCT ON (h.vin) h.vin, h.to_status, h.store_id FROM vehicle_history h " +
            "WHERE h.group_id = $1 AND h.at < $3 AND h.to_status IS NOT NULL " +
            "AND h.vin IN (SELECT vin FROM vehicle_history WHERE group_id = $1 AND store_id = $2) ORDER BY h.vin, h.revision DESC) l " +
            "JOIN vehicles v ON v.group_id = $1 AND v.vin = l.vin WHERE l.to_status = 'InTransit' AND l.store_id = $2 AND NOT v.demo",
            groupId, storeId, month.End);

    public static decimal? Average(int total, int count, int decimals = 1) => count == 0 ? null : decimal.Round((decimal)total / count, decimals);
}
