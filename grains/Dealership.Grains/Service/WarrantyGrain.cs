using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace Dealership.Grains.Service;

/// <summary>
/// Cars' warranties at a store: the car's record (next service, warranty end, visits), the list of cars whose basic warranty ends
/// soon, the calls about them, and extended warranties sold at the price in the store's books. The warranty end is computed with
/// the car's next service (<see cref="MaintenanceDueSql"/>), never kept per car.
/// </summary>
[StatelessWorker]
public sealed class WarrantyGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IWarrantyGrain, IScopedGrain
{
    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<CarRecord>> CarRecord(string vin)
    {
        if (Roles.Refused("read cars' records", RoleSets.CarRecordReaders) is { } refused)
        {
            return refused;
        }

        return await Record(vin, await Store()) is { } record ? record : NotFound(vin);
    }

    public async Task<Outcome<Page<WarrantyReminder>>> Reminders(PageRequest page)
    {
        if (Roles.Refused("read the warranty list", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? ["0001-01-01", ""] : Cursor.Keys(page.After);
        if (after is not [var day, var afterVin] || !DateOnly.TryParseExact(day, "yyyy-MM-dd", out var afterDay))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var (group, store, settings) = (await Group(), await Store(), await MaintenanceDueSql.Settings(GrainFactory, StoreId));
        var zone = StoreFacts.Zone(store);
        var now = clock.GetUtcNow();
        var today = StoreFacts.LocalDate(now, zone);
        await MaintenanceDueSql.EnsureDay(database, group, StoreId, settings, zone.Id, today, now);
        return await database.Page(WarrantySql.Reminders, r =>
            {
                var endsOn = r.GetFieldValue<DateOnly>(6);
                var masked = r.IsDBNull(4) ? r.GetString(5) : PersonalData.MaskMobile(r.GetString(4));
                return new WarrantyReminder(r.GetString(0), Sql.Text(r, 1), Sql.Text(r, 2), r.GetString(3), masked, endsOn, r.GetInt32(7),
                    Enum.Parse<WarrantyBasis>(r.GetString(8)), endsOn.DayNumber - today.DayNumber, r.GetInt32(9));
            },
            w => Cursor.From(w.EndsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Vin), page,
            group, StoreId, zone.Id, today, store.Policies.WarrantyReminderDays, now, afterDay, afterVin);
    }

    public async Task<Outcome<CarRecord>> RecordCall(string vin, WarrantyCallDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(RecordCall), vin, draft);
        if (await operations.Replay<CarRecord>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("make warranty calls", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        var store = await Store();
        if (await Record(vin, store) is not { } record)
        {
            return NotFound(vin);
        }

        if (record.Warranty.BasicEndsOn is not { } endsOn)
        {
            return Problem.Refused("warranty-unknown", $"Car {vin} was not delivered by the group: its warranty's start is not known here.");
        }

        var call = new WarrantyCall(clock.GetUtcNow(), Audit.Who, draft!.Outcome, draft.Reason?.Trim(), endsOn);
        return draft.Outcome == WarrantyCallOutcome.Extended
            ? await Sell(record, store, call, fingerprint, operationId)
            : await Write([new WarrantyCallRow(await Group(), StoreId, vin, call)], record with { WarrantyCalls = [call, .. record.WarrantyCalls] },
                fingerprint, operationId);
    }

    public async Task<Outcome<CarRecord>> SellExtension(string vin, string? operationId)
    {
        var fingerprint = OperationLog.Fingerprint(nameof(SellExtension), vin);
        if (await operations.Replay<CarRecord>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("sell extended warranties", RoleSets.WarrantySellers) is { } refused)
        {
            return refused;
        }

        var store = await Store();
        return await Record(vin, store) is { } record ? await Sell(record, store, null, fingerprint, operationId) : NotFound(vin);
    }

    // The extension is sold at the store's price of the day, while the basic warranty runs; one per car, whoever sells it first.
    private async Task<Outcome<CarRecord>> Sell(CarRecord record, StoreView store, WarrantyCall? call, string fingerprint, string? operationId)
    {
        var warranty = record.Warranty;
        if (warranty.Extended is not null)
        {
            return AlreadyExtended(record.Vin);
        }

        if (store.Policies.ExtendedWarranty is not { } offer)
        {
            return Problem.Refused("no-extended-warranty", "This store sells no extended warranty: set one in the store's policies first.");
        }

        if (warranty.BasicEndsOn is not { } endsOn || warranty.BasicEndsKm is not { } endsKm)
        {
            return Problem.Refused("warranty-unknown", $"Car {record.Vin} was not delivered by the group: its warranty's start is not known here.");
        }

        if (warranty.Offer is null)
        {
            return Problem.Refused("warranty-ended", $"Car {record.Vin}'s basic warranty ended on {endsOn:yyyy-MM-dd}: it can no longer be extended.");
        }

        var now = call?.At ?? clock.GetUtcNow();
        var sold = new ExtendedWarranty(StoreId, now, Audit.Who, offer.Years, offer.Km, offer.Price, endsOn.AddYears(offer.Years), endsKm + offer.Km);
        var group = await Group();
        var what = $"extended warranty for {record.Vin}: {offer.Years} years / {offer.Km} km at {offer.Price:0.00} (cost {offer.Cost:0.00}), " +
            $"to {sold.EndsOn:yyyy-MM-dd} or {sold.EndsKm} km";
        List<Row> rows = [new ExtendedWarrantyRow(group, record.Vin, offer.Cost, sold), new AuditRow(group, StoreId, "extended-warranty", record.Vin, now, Audit.Who, what)];
        if (call is not null)
        {
            rows.Add(new WarrantyCallRow(group, StoreId, record.Vin, call));
        }

        var after = record with
        {
            Warranty = warranty with { Extended = sold, Offer = null, InForce = true },
            WarrantyCalls = call is null ? record.WarrantyCalls : [call, .. record.WarrantyCalls],
        };
        try
        {
            return await Write(rows, after, fingerprint, operationId);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == ExtendedWarrantyRow.Table)
        {
            return AlreadyExtended(record.Vin);
        }
    }

    private async Task<Outcome<CarRecord>> Write(List<Row> rows, CarRecord after, string fingerprint, string? operationId) =>
        await operations.WriteOrReplay(rows, StoreId, operationId, fingerprint, after, "Warranty") ?? after;

    private async Task<CarRecord?> Record(string vin, StoreView store)
    {
        var (group, settings) = (await Group(), await MaintenanceDueSql.Settings(GrainFactory, StoreId));
        var zone = StoreFacts.Zone(store);
        var rows = await database.List(MaintenanceDueSql.AllCars, r => (Due: MaintenanceDueSql.Read(r), Customer: MaintenanceDueSql.Customer(r),
                EndsOn: r.IsDBNull(19) ? (DateOnly?)null : r.GetFieldValue<DateOnly>(19), EndsKm: r.IsDBNull(20) ? (int?)null : r.GetInt32(20),
                Basis: r.IsDBNull(21) ? (WarrantyBasis?)null : Enum.Parse<WarrantyBasis>(r.GetString(21))),
            group, StoreId, (decimal)settings.DefaultKmPerDay, vin, zone.Id);
        if (rows.Count == 0)
        {
            return null;
        }

        var (due, customer, endsOn, endsKm, basis) = rows[0];
        var today = StoreFacts.LocalDate(clock.GetUtcNow(), zone);
        var extended = await database.First(WarrantySql.Extended, ExtendedWarrantyRow.Read, group, vin);
        var underBasic = endsOn is { } end && end >= today;
        var warranty = new CarWarranty(endsOn, endsKm, basis, underBasic || extended?.EndsOn >= today, extended,
            underBasic && extended is null ? store.Policies.ExtendedWarranty : null);
        var masked = customer.Mobile is { } mobile
            ? PersonalData.MaskMobile(mobile)
            : customer.CustomerId is { } id ? await database.Scalar<string>(WarrantySql.MaskedMobile, customer.CustomerStore, id) ?? "" : "";
        return new CarRecord(vin, due.Model, customer.Plate, customer.Name, masked, due.DeliveredAt, due, warranty,
            await database.List(WarrantySql.Visits, WarrantySql.Visit, group, vin), await database.List(WarrantySql.Calls, WarrantyCallRow.Read, group, vin),
            customer.CustomerStore == StoreId ? customer.CustomerId : null);
    }


    private static Problem NotFound(string vin) => Problem.NotFound($"Car {vin} (sold or serviced by this store, with a maintenance plan)");

    private static Problem AlreadyExtended(string vin) => Problem.Conflict("already-extended", $"Car {vin} already has an extended warranty.");

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");

    private async Task<StoreView> Store() =>
        await StoreFacts.Store(GrainFactory, StoreId) ?? throw new InvalidOperationException($"Store {StoreId} is not set up.");
}
