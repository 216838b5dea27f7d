using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Service;

/// <summary>
/// Bringing the customer back (依据客户行驶的时间路程及时提醒客户维护保养): the store's maintenance plans, its cars' next services and the
/// morning's reminder list, all SQL over the group's records (<see cref="MaintenanceDueSql"/>); the calls' outcomes and the
/// customers' consent are rows with who and when.
/// </summary>
[StatelessWorker]
public sealed class MaintenanceGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IMaintenanceGrain, IScopedGrain
{
    private const int ContactsShown = 20;

    /// <summary>The most cars one download of the reminder list carries.</summary>
    public const int MaxExport = 20_000;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<IReadOnlyList<MaintenancePlanView>>> Plans()
    {
        if (Roles.Refused("read maintenance plans", [.. RoleSets.ServiceReaders, .. RoleSets.WorkshopKeepers]) is { } refused)
        {
            return refused;
        }

        return await database.List($"SELECT {MaintenancePlanRow.Columns} FROM maintenance_plans WHERE store_id = $1 ORDER BY model = '*', model",
            MaintenancePlanRow.Read, StoreId);
    }

    public async Task<Outcome<MaintenancePlanView>> SetPlan(MaintenancePlan plan, string? operationId)
    {
        var errors = plan?.Validate() ?? new FieldErrors().Add("model", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(SetPlan), plan!.Model, plan.FirstKm, plan.FirstMonths, plan.IntervalKm, plan.IntervalMonths,
            string.Join('\n', plan.Operations), plan.WarrantyYears, plan.WarrantyKm);
        if (await operations.Replay<MaintenancePlanView>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("keep maintenance plans", RoleSets.WorkshopKeepers) is { } refused)
        {
            return refused;
        }

        var group = await Group();
        var now = clock.GetUtcNow();
        var kept = new MaintenancePlanView(plan with { Model = plan.Model.Trim(), Operations = [.. plan.Operations.Select(o => o.Trim())] }, now, Audit.Who);
        var what = $"maintenance plan {kept.Plan.Model}: first {plan.FirstKm} km / {plan.FirstMonths} months, then every {plan.IntervalKm} km / " +
            $"{plan.IntervalMonths} months; basic warranty {plan.WarrantyYears} years / {plan.WarrantyKm} km";
        return await operations.WriteOrReplay(
            [new MaintenancePlanRow(group, StoreId, kept), new AuditRow(group, StoreId, "maintenance-plan", kept.Plan.Model, now, Audit.Who, what),
                new DueStaleRow(StoreId)],
            StoreId, operationId, fingerprint, kept, "MaintenancePlan") ?? kept;
    }

    public async Task<Outcome<NextServiceDue>> NextService(string vin)
    {
        if (Roles.Refused("read cars' next services", RoleSets.ServiceReaders) is { } refused)
        {
            return refused;
        }

        return await Due(vin) is { } due ? due.Due : Problem.NotFound($"A next service for car {vin} (sold or serviced here, with a plan)");
    }

    public async Task<Outcome<Page<ServiceReminder>>> Reminders(PageRequest page)
    {
        if (Roles.Refused("read the reminder list", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? ["0001-01-01", ""] : Cursor.Keys(page.After);
        if (after is not [var day, var vin] || !DateOnly.TryParseExact(day, "yyyy-MM-dd", out var afterDay))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await DueList(page, afterDay, vin, (due, customer, masked, attempts, today) =>
            new ServiceReminder(due.Vin, customer.Plate, due.Model, customer.Name, customer.Mobile is { } mobile ? PersonalData.MaskMobile(mobile) : masked,
                due.DueOn, due.DueKm, due.Basis, due.DueOn < today, attempts, due.LastServiceAt),
            s => Cursor.From(s.DueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), s.Vin));
    }

    public async Task<Outcome<IReadOnlyList<ReminderExportLine>>> ReminderExport()
    {
        if (Roles.Refused("download the reminder list", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        var rows = await DueList(new PageRequest(MaxExport, null), DateOnly.MinValue, "",
            (due, customer, _, _, today) => (Line: new ReminderExportLine(due.Vin, customer.Plate, due.Model, customer.Name, customer.Mobile ?? "", due.DueOn,
                due.DueKm, due.Basis, due.DueOn < today), customer.CustomerId, customer.CustomerStore),
            r => r.Line.Vin);
        if (rows.Next is not null)
        {
            return Problem.Refused("list-too-long", $"The reminder list has more than {MaxExport} cars: work it down before downloading it whole.");
        }

        // Cars never serviced here have their customer's number on the selling store's card: a few grain reads at a time.
        // (Eight at a time, on this activation: grain calls must start from it.)
        var lines = new List<ReminderExportLine>(rows.Items.Count);
        foreach (var batch in rows.Items.Chunk(8))
        {
            lines.AddRange(await Task.WhenAll(batch.Select(async row => row.Line.Mobile.Length > 0 || row.CustomerId is null
                ? row.Line
                : row.Line with
                {
                    Mobile = (await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(row.CustomerStore, row.CustomerId)).Get()).Value?.Mobile ?? "",
                })));
        }

        var now = clock.GetUtcNow();
        var group = await Group();
        await database.Write([new AuditRow(group, StoreId, "service-reminders", StoreId, now, Audit.Who,
            $"downloaded the reminder list with full numbers ({lines.Count} in all)")]);
        return lines;
    }

    /// <summary>The day's reminder list from its cursor (computed at the store's first read of the day), each row as the caller needs it.</summary>
    private async Task<Page<T>> DueList<T>(PageRequest page, DateOnly afterDay, string afterVin,
        Func<NextServiceDue, (string? CustomerId, string CustomerStore, string Name, string? Mobile, string? Plate), string, int, DateOnly, T> map,
        Func<T, string> cursorOf)
    {
        var (group, zone, settings) = (await Group(), await Zone(), await Settings());
        var now = clock.GetUtcNow();
        var today = StoreFacts.LocalDate(now, zone);
        await MaintenanceDueSql.EnsureDay(database, group, StoreId, settings, zone.Id, today, now);

        return await database.Page(MaintenanceDueSql.Reminders,
            r => map(MaintenanceDueSql.Read(r), MaintenanceDueSql.Customer(r), r.GetString(19), r.GetInt32(20), today), cursorOf, page, group, StoreId, zone.Id, today, settings.ReminderDays, now, settings.ContactLimitDays, afterDay, afterVin);
    }

    public async Task<Outcome<ReminderCallCard>> CallCard(string vin)
    {
        if (Roles.Refused("make reminder calls", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        return await Card(vin) is { } card ? card : NotFound(vin);
    }

    public async Task<Outcome<ReminderCallCard>> RecordOutcome(string vin, ReminderOutcomeDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(RecordOutcome), vin, draft);
        if (await operations.Replay<ReminderCallCard>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("make reminder calls", RoleSets.ServiceCallers) is { } refused)
        {
            return refused;
        }

        if (await Card(vin) is not { } card)
        {
            return NotFound(vin);
        }

        if (draft!.Outcome == ReminderOutcome.Booked && await BookedFor(vin, draft.AppointmentId!) is { } notBooked)
        {
            return notBooked;
        }

        var now = clock.GetUtcNow();
        var contact = new ReminderContact(now, Audit.Who, draft.Outcome, draft.Reason?.Trim(), draft.AppointmentId, card.Due.DueOn);
        var recorded = card with { Contacts = [contact, .. card.Contacts.Take(ContactsShown - 1)] };
        return await operations.WriteOrReplay([new ReminderContactRow(await Group(), StoreId, vin, contact)], StoreId, operationId, fingerprint,
            recorded, "ServiceReminder") ?? recorded;
    }

    public async Task<Outcome<CustomerConsent>> Consent(string customerId)
    {
        if (Roles.Refused("read customers' consent", RoleSets.ConsentKeepers) is { } refused)
        {
            return refused;
        }

        return await ConsentOf(customerId);
    }

    public async Task<Outcome<CustomerConsent>> SetConsent(string customerId, ConsentDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("marketing", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(SetConsent), customerId, draft);
        if (await operations.Replay<CustomerConsent>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("record customers' consent", RoleSets.ConsentKeepers) is { } refused)
        {
            return refused;
        }

        if (!await KnownCustomer(customerId))
        {
            return Problem.NotFound($"Customer {customerId}");
        }

        var change = new ConsentChange(clock.GetUtcNow(), Audit.Who, draft!.Marketing, draft.Marketing ? draft.Channel : null);
        var before = await ConsentOf(customerId);
        var after = new CustomerConsent(customerId, change.Marketing, change.Channel, [change, .. before.Changes.Take(ContactsShown - 1)]);
        return await operations.WriteOrReplay([new ConsentRow(await Group(), StoreId, customerId, change)], StoreId, operationId, fingerprint,
            after, "CustomerConsent") ?? after;
    }

    private async Task<(NextServiceDue Due, (string? CustomerId, string CustomerStore, string Name, string? Mobile, string? Plate) Customer)?> Due(string vin)
    {
        var (group, zone, settings) = (await Group(), await Zone(), await Settings());
        var rows = await database.List(MaintenanceDueSql.Cars, r => (MaintenanceDueSql.Read(r), MaintenanceDueSql.Customer(r)),
            group, StoreId, (decimal)settings.DefaultKmPerDay, vin, zone.Id);
        return rows.Count == 0 ? null : rows[0];
    }

    private async Task<ReminderCallCard?> Card(string vin)
    {
        if (await Due(vin) is not var (due, customer) || customer.CustomerId is not { } customerId)
        {
            return null;
        }

        // A car that never came back has its customer's number on the selling store's card (this store: it reminds the car).
        var mobile = customer.Mobile
            ?? (await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(customer.CustomerStore, customerId)).Get()).Value?.Mobile ?? "";
        var consent = await ConsentOf(customerId);
        var contacts = await database.List(
            $"SELECT {ReminderContactRow.Columns} FROM service_reminder_contacts WHERE group_id = $1 AND vin = $2 ORDER BY at DESC LIMIT {ContactsShown}",
            ReminderContactRow.Read, await Group(), vin);
        return new ReminderCallCard(due, customerId, customer.Name, mobile, customer.Plate, consent.Marketing ?? true, contacts);
    }

    private async Task<CustomerConsent> ConsentOf(string customerId)
    {
        var changes = await database.List(
            $"SELECT {ConsentRow.Columns} FROM customer_consents WHERE store_id = $1 AND customer_id = $2 ORDER BY at DESC LIMIT {ContactsShown}",
            ConsentRow.Read, StoreId, customerId);
        return new CustomerConsent(customerId, changes.FirstOrDefault()?.Marketing, changes.FirstOrDefault()?.Channel, changes);
    }

    private async Task<bool> KnownCustomer(string customerId) =>
        PersonalData.IsCustomerId(customerId)
        && (await database.Scalar<bool>(
            "SELECT EXISTS (SELECT 1 FROM customers WHERE store_id = $1 AND customer_id = $2) " +
            "OR EXISTS (SELECT 1 FROM repair_orders WHERE store_id = $1 AND customer_id = $2)", StoreId, customerId));

    // The appointment named must be this store's, for this car, and booked.
    private async Task<Problem?> BookedFor(string vin, string appointmentId)
    {
        var appointment = ServiceKeys.DayOf(appointmentId) is { } day
            ? (await GrainFactory.GetGrain<IWorkshopDayGrain>(ServiceKeys.Day(StoreId, day)).GetAppointment(appointmentId)).Value
            : null;
        return appointment is { Status: AppointmentStatus.Booked } && string.Equals(appointment.Booking.Vin, vin, StringComparison.OrdinalIgnoreCase)
            ? null
            : Problem.Invalid("appointmentId", $"is not an appointment booked for car {vin} at this store.");
    }

    private static Problem NotFound(string vin) => Problem.NotFound($"A reminder for car {vin} (sold or serviced here, with a plan and a customer)");

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");

    private async Task<TimeZoneInfo> Zone() => StoreFacts.Zone(await StoreFacts.Store(GrainFactory, StoreId));

    private Task<WorkshopSettings> Settings() => MaintenanceDueSql.Settings(GrainFactory, StoreId);
}
