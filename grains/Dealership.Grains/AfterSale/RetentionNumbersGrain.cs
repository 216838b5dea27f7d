using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Sales;
using Dealership.Grains.Storage;
using Dealership.Grains.Targets;
using Orleans.Concurrency;

namespace Dealership.Grains.AfterSale;

/// <summary>
/// How well a store brings its customers back in a month, made from the records when asked (<see cref="RetentionSql"/>): the
/// reminder funnel, customer retention, the renewal rate, warranty calls and extensions, and customer events' results.
/// </summary>
[StatelessWorker]
public sealed class RetentionNumbersGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, IRetentionNumbersGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<RetentionNumbers>> Get(DateOnly month)
    {
        if (Roles.Refused("read the retention numbers", RoleSets.SalesAnalysisReaders) is { } refused)
        {
            return refused;
        }

        var store = await StoreFacts.Store(GrainFactory, StoreId);
        var now = clock.GetUtcNow();
        var period = MonthPeriod.Of(month, store, now);
        if (!period.IsOk || store is null)
        {
            return period.Problem ?? Problem.NotFound($"Store '{StoreId}'");
        }

        var p = period.Value!;
        object[] args = [StoreId, p.First, p.CutDay, StoreFacts.Zone(store).Id];
        var (due, contacted, booked, arrived) = (await database.First(RetentionSql.Funnel, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3)), args))!;
        var (books, back) = (await database.First(RetentionSql.Retention, r => (r.GetInt32(0), r.GetInt32(1)), args))!;
        var (expiring, withUs, elsewhere, lost, _, commission) = (await database.First(InsuranceSql.Rate,
            r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetDecimal(4), r.GetDecimal(5)), StoreId, p.First, p.Last))!;
        var warranty = (await database.First(RetentionSql.Warranty, r => new WarrantyFigures(r.GetInt32(0), r.GetInt32(1), r.GetDecimal(2), r.GetDecimal(3)), args))!;
        return new RetentionNumbers(StoreId, p.Name, p.First, p.CutDay,
            new ReminderFunnel(due, contacted, booked, arrived, Share(contacted, due), Share(booked, contacted), Share(arrived, booked)),
            new CustomerRetention(p.CutDay, books, back, Share(back, books)),
            new RenewalFigures(expiring, withUs, elsewhere, lost, expiring - withUs - elsewhere - lost, Share(withUs, expiring), commission),
            warranty, await Events(args), now);
    }

    // Each event of the month's results as its own page counts them (customers who came, their orders within 30 days), summed.
    private async Task<EventFigures> Events(object[] args)
    {
        var (events, invited, came, orders, retail, profit, budget) = (0, 0, 0, 0, 0, 0m, 0m);
        foreach (var eventId in await database.List(RetentionSql.Events, r => r.GetString(0), args))
        {
            var result = (await database.First(CustomerEventsSql.Results, r => (Invited: r.GetInt32(0), Came: r.GetInt32(4), Orders: r.GetInt32(6),
                Retail: r.GetInt32(7), Profit: r.GetDecimal(8), Budget: r.GetDecimal(9)), StoreId, eventId))!;
            (events, invited, came, orders, retail, profit, budget) = (events + 1, invited + result.Invited, came + result.Came, orders + result.Orders,
                retail + result.Retail, profit + result.Profit, budget + result.Budget);
        }

        return new EventFigures(events, invited, came, orders, retail, profit, budget, orders == 0 ? null : decimal.Round(budget / orders, 2));
    }

    private static decimal? Share(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4);
}
