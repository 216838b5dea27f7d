using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;

namespace Dealership.Grains.Parts;

/// <summary>The parts department's numbers: the review's lines for stock, dead stock and what to order; SQL for fill rate and turn.</summary>
public sealed partial class PartsListGrain
{
    public async Task<Outcome<PartsNumbers>> Numbers(int days)
    {
        if (days is < 1 or > 365)
        {
            return Problem.Invalid("days", "must be between 1 and 365.");
        }

        if (Roles.Refused("read the parts numbers", RoleSets.PartsReaders) is { } refused)
        {
            return refused;
        }

        var review = await Review(toOrderOnly: false, new PageRequest(int.MaxValue, null));
        if (!review.IsOk)
        {
            return review.Problem!;
        }

        var r = review.Value!;
        var lines = r.Items;
        var stockValue = lines.Sum(l => l.StockValue);
        var dead = lines.Where(l => l.MovementClass == MovementClass.Dead).ToList();
        var deadValue = dead.Sum(l => l.StockValue);
        var asks = await database.First(
            "SELECT (SELECT COALESCE(sum(GREATEST(quantity, 0)), 0)::integer FROM parts_demand WHERE store_id = $1 AND day > $2::date - $3::integer AND day <= $2), " +
            "(SELECT COALESCE(sum(asked), 0)::integer FROM parts_shortfalls WHERE store_id = $1 AND day > $2::date - $3::integer AND day <= $2)",
            x => (Served: x.GetInt32(0), Refused: x.GetInt32(1)), StoreId, r.Date, days);
        var issuedValue = await database.First(
            "SELECT COALESCE(sum(GREATEST(d.quantity, 0) * p.average_cost), 0) FROM parts_demand d JOIN parts_items p USING (store_id, part_number) " +
            "WHERE d.store_id = $1 AND d.day > $2::date - 365 AND d.day <= $2",
            x => x.GetDecimal(0), StoreId, r.Date);
        var asked = asks.Served + asks.Refused;
        return new PartsNumbers(r.Date, days, lines.Count, lines.Count(l => l.OnHand > 0), stockValue, asks.Served, asks.Refused,
            asked == 0 ? null : decimal.Round((decimal)asks.Served / asked, 4), Money.Exact(decimal.Round(issuedValue, 2)),
            stockValue == 0 ? null : decimal.Round(issuedValue / stockValue, 2), dead.Count, deadValue,
            stockValue == 0 ? null : decimal.Round(deadValue / stockValue, 4), lines.Count(l => l.BelowReorderPoint), r.PartsToOrder, r.ValueToOrder);
    }
}
