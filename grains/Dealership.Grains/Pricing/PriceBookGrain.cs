using Dealership.Contracts.Common;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Pricing;

/// <summary>
/// A store's price book and rebate policies: rows in the project's tables, written by this grain alone (one change at a time),
/// each change with its audit line and its Idempotency-Key in one transaction. Deals read their prices from it.
/// </summary>
public sealed class PriceBookGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IPriceBookGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<PriceBookLine>> SetPrice(PriceBookEntry entry, string? operationId)
    {
        var errors = entry?.Validate() ?? new FieldErrors().Add("model", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var line = new PriceBookLine(entry!, clock.GetUtcNow(), Audit.Who);
        var what = $"price of {entry!.Model} {entry.Trim} {entry.Colour}: list {entry.ListPrice:0.00}, guide {entry.GuidePrice:0.00}, cost {entry.Cost:0.00}";
        return await Write(nameof(SetPrice), operationId, [entry], line, new PriceBookRow(StoreId, line), what);
    }

    public async Task<Outcome<RebatePolicyLine>> SetRebate(RebatePolicy policy, string? operationId)
    {
        var errors = policy?.Validate() ?? new FieldErrors().Add("model", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var line = new RebatePolicyLine(policy!, clock.GetUtcNow(), Audit.Who);
        var what = $"rebate on {policy!.Model} for {policy.Month}: {policy.PerUnit:0.00} a unit";
        return await Write(nameof(SetRebate), operationId, [policy], line, new RebatePolicyRow(StoreId, line), what);
    }

    public async Task<Outcome<PriceQuote>> Quote(string model, string trim, string colour, DateOnly day)
    {
        if (Roles.Refused("read the price book", RoleSets.PriceReaders) is { } refused)
        {
            return refused;
        }

        var price = await database.First(
            $"SELECT {PriceBookRow.Columns} FROM price_book WHERE store_id = $1 AND model_key = lower($2) AND trim_key = lower($3) AND colour_key = lower($4)",
            PriceBookRow.Read, StoreId, model, trim, colour);
        if (price is null)
        {
            return Problem.NotFound($"A price for {model} {trim} {colour}");
        }

        var month = RebatePolicy.MonthOf(day);
        var rebate = await database.Scalar<decimal?>(
            "SELECT per_unit FROM rebate_policies WHERE store_id = $1 AND model_key = lower($2) AND month = $3", StoreId, model, month);
        return new PriceQuote(price.Entry, rebate ?? 0m, month);
    }

    public async Task<Outcome<Page<PriceBookLine>>> ListPrices(PageRequest page)
    {
        if (Roles.Refused("read the price book", RoleSets.PriceReaders) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && after is not [_, _, _])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {PriceBookRow.Columns} FROM price_book WHERE store_id = $1 AND (model_key, trim_key, colour_key) > ($2, $3, $4) " +
            "ORDER BY model_key, trim_key, colour_key",
            PriceBookRow.Read, l => Cursor.From(l.Entry.Model.ToLowerInvariant(), l.Entry.Trim.ToLowerInvariant(), l.Entry.Colour.ToLowerInvariant()), page,
            StoreId, after?[0] ?? "", after?[1] ?? "", after?[2] ?? "");
    }

    public async Task<Outcome<Page<RebatePolicyLine>>> ListRebates(string month, PageRequest page)
    {
        if (Roles.Refused("read the rebate policies", RoleSets.PriceReaders) is { } refused)
        {
            return refused;
        }

        if (!RebatePolicy.IsMonth(month))
        {
            return Problem.Invalid("month", "must be a month (yyyy-MM).");
        }

        var after = page.After is null ? null : Cursor.Keys(page.After);
        if (page.After is not null && after is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {RebatePolicyRow.Columns} FROM rebate_policies WHERE store_id = $1 AND month = $2 AND model_key > $3 ORDER BY model_key",
            RebatePolicyRow.Read, l => Cursor.From(l.Policy.Model.ToLowerInvariant()), page, StoreId, month, after?[0] ?? "");
    }

    /// <summary>One change: replay a retried key, check the role, then the row, its audit line and the key in one write.</summary>
    private async Task<Outcome<T>> Write<T>(string name, string? operationId, object?[] arguments, T answer, Row row, string what)
    {
        var fingerprint = OperationLog.Fingerprint(name, arguments);
        if (await operations.Replay<T>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("keep the price book", RoleSets.PriceKeepers) is { } refused)
        {
            return refused;
        }

        if (await storeGroups.GroupOf(StoreId) is not { } groupId)
        {
            return Problem.NotFound($"Store '{StoreId}'");
        }

        List<Row> rows = [row, new AuditRow(groupId, StoreId, "price-book", name == nameof(SetPrice) ? "price" : "rebate", clock.GetUtcNow(), Audit.Who, what)];
        return await operations.WriteOrReplay(rows, StoreId, operationId, fingerprint, answer, "PriceBook") ?? answer;
    }
}
