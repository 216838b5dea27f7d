using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Service;

public sealed class WorkshopDayState : RecordedState
{
    /// <summary>
    /// What each of the day's appointments puts on the workshop (its slot, hours, whether it still counts): the load the next
    /// booking is decided against. The appointments themselves are rows. At most <see cref="WorkshopDayGrain.MaxAppointments"/>.
    /// </summary>
    public List<DayBooking> Bookings { get; set; } = [];
}

/// <summary>One appointment's load on the day.</summary>
public sealed class DayBooking
{
    public string AppointmentId { get; set; } = "";
    public DateTimeOffset SlotStarts { get; set; }
    public decimal Hours { get; set; }

    /// <summary>Booked or arrived: its hours count. A cancelled appointment frees them.</summary>
    public bool Live { get; set; } = true;
}

/// <summary>
/// One service day of a store's workshop. Every booking of the day is decided here, one at a time, against the load the day's
/// appointments put on each slot: the last room in a slot goes to exactly one advisor. Each change is one write: the day, the
/// appointment's row and its audit line.
/// </summary>
public sealed class WorkshopDayGrain(
    [PersistentState("workshop-day", GrainsSetup.StorageName)] IPersistentState<WorkshopDayState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IWorkshopDayGrain, IScopedGrain
{
    public const int MaxAppointments = 400;

    /// <summary>How many later days a full day looks at for alternatives.</summary>
    private const int DaysAhead = 7;

    private (string StoreId, string Id) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private DateOnly Day => DateOnly.ParseExact(Key.Id[2..], "yyyyMMdd", CultureInfo.InvariantCulture);

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<WorkshopDay>> Get()
    {
        if (Roles.Refused("read the workshop's days", RoleSets.ServiceReaders) is { } refused)
        {
            return refused;
        }

        if (await Planner() is not { } planner)
        {
            return NotSetUp();
        }

        var live = Live().ToList();
        var booked = planner.Booked(Jobs());
        var slots = planner.Starts.Select((s, i) => new WorkshopSlot(s, planner.Capacity[i], booked[i], live.Count(a => a.SlotStarts == s))).ToList();
        var appointments = await database.List(
            $"SELECT {AppointmentRow.Columns} FROM service_appointments WHERE store_id = $1 AND day = $2 ORDER BY slot_starts, booked_at, appointment_id",
            AppointmentRow.Read, Key.StoreId, Day);
        return new WorkshopDay(Key.StoreId, Day, planner.Open, planner.TotalCapacity, booked.Sum(), slots, [.. appointments.Select(ServicePrivacy.ForCaller)]);
    }

    public async Task<Outcome<SlotSuggestions>> Suggest(DateTimeOffset wantedAt, decimal hours)
    {
        if (Roles.Refused("read the workshop's days", RoleSets.ServiceReaders) is { } refused)
        {
            return refused;
        }

        if (new FieldErrors().Range("hours", hours, 0.25m, 40m) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        return await Planner() is { } planner ? new SlotSuggestions(SuggestHere(planner, wantedAt, hours)) : NotSetUp();
    }

    public async Task<Outcome<AppointmentView>> Book(string appointmentId, NewAppointment appointment, string? operationId)
    {
        var errors = appointment?.Validate() ?? new FieldErrors().Add("customerName", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        appointment = Normalised(appointment!);
        var fingerprint = OperationLog.Fingerprint(nameof(Book), appointment);
        if (await operations.Replay<AppointmentView>(Key.StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("book the workshop", RoleSets.ServiceDesk) is { } refused)
        {
            return refused;
        }

        if (await Planner() is not { } planner)
        {
            return NotSetUp();
        }

        if (await Existing(appointmentId, appointment!) is { } again)
        {
            return again;
        }

        var zone = await Zone();
        if (StoreFacts.LocalDate(appointment!.WantedAt, zone) != Day)
        {
            return Problem.Invalid("wantedAt", $"is not on {Day:yyyy-MM-dd} in the store's time zone.");
        }

        var now = clock.GetUtcNow();
        var slot = planner.SlotOf(appointment.WantedAt);
        if (appointment.WantedAt < now || (slot >= 0 && planner.Starts[slot].AddMinutes(planner.Settings.SlotMinutes) <= now))
        {
            return Problem.Invalid("wantedAt", "is in the past.");
        }

        if (slot < 0)
        {
            return await Alternatives(planner, appointment, now, Problem.Refused("workshop-closed",
                planner.Open ? $"The workshop takes cars {planner.Settings.Opens:HH\\:mm}-{planner.Settings.Closes:HH\\:mm}."
                : $"The workshop is closed on {Day:yyyy-MM-dd}."));
        }

        var booked = planner.Booked(Jobs());
        if (!planner.Fits(booked, slot, appointment.ExpectedHours))
        {
            return await Alternatives(planner, appointment, now, Problem.Conflict("slot-full",
                $"The slot at {planner.Starts[slot]:HH\\:mm} has no room for {appointment.ExpectedHours} labour hours " +
                $"({booked[slot]} of {planner.Capacity[slot]} booked, or the job would run past closing)."));
        }

        return await Add(appointmentId, appointment, planner.Starts[slot], walkIn: false, now, operationId);
    }

    public async Task<Outcome<AppointmentView>> BookWalkIn(string appointmentId, NewAppointment appointment)
    {
        var errors = appointment?.Validate() ?? new FieldErrors().Add("customerName", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        appointment = Normalised(appointment!);

        if (Roles.Refused("book the workshop", RoleSets.ServiceDesk) is { } refused)
        {
            return refused;
        }

        if (await Planner() is not { } planner)
        {
            return NotSetUp();
        }

        if (await Existing(appointmentId, appointment!) is { } again)
        {
            return again;
        }

        var now = clock.GetUtcNow();
        var booked = planner.Booked(Jobs());
        var first = Enumerable.Range(0, planner.Starts.Count)
            .Where(i => planner.Starts[i].AddMinutes(planner.Settings.SlotMinutes) > now && planner.Fits(booked, i, appointment!.ExpectedHours))
            .Select(i => (int?)i).FirstOrDefault();
        if (first is not { } slot)
        {
            return await Alternatives(planner, appointment! with { WantedAt = now }, now, Problem.Conflict("workshop-full",
                $"The workshop has no room left today for {appointment!.ExpectedHours} labour hours."), laterDaysOnly: true);
        }

        return await Add(appointmentId, appointment! with { WantedAt = now }, planner.Starts[slot], walkIn: true, now, null);
    }

    public async Task<Outcome<AppointmentView>> GetAppointment(string appointmentId) =>
        Roles.Refused("read appointments", RoleSets.ServiceReaders)
            ?? (await Find(appointmentId) is { } found ? ServicePrivacy.ForCaller(found) : (Outcome<AppointmentView>)NotFound(appointmentId));

    public async Task<Outcome<AppointmentView>> Cancel(string appointmentId, string reason, string? operationId)
    {
        if (new FieldErrors().Required("reason", reason, 200) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        return await Change(nameof(Cancel), appointmentId, operationId, [appointmentId, reason], "cancel appointments", RoleSets.ServiceDesk,
            (a, now) => a.Status != AppointmentStatus.Booked
                ? Problem.Conflict("illegal-transition", $"The appointment is {a.Status}; only a booked one is called off.")
                : a with { Status = AppointmentStatus.Cancelled, CancelReason = reason },
            $"cancelled: {reason}");
    }

    public async Task<Outcome<AppointmentView>> CheckIn(string appointmentId, string repairOrderId)
    {
        if (await Find(appointmentId) is { Status: AppointmentStatus.Arrived } arrived && arrived.RepairOrderId == repairOrderId)
        {
            return arrived;
        }

        // An arrival whose repair order was never written (its request failed and was not retried) does not keep the car out.
        var orphan = await Find(appointmentId) is { Status: AppointmentStatus.Arrived, RepairOrderId: { } other }
            && !(await GrainFactory.GetGrain<IRepairOrderGrain>(GrainKeys.InStore(Key.StoreId, other)).Get()).IsOk;
        return await Change(nameof(CheckIn), appointmentId, null, [appointmentId, repairOrderId], "check cars in", RoleSets.ServiceDesk,
            (a, now) => a.Status != AppointmentStatus.Booked && !orphan
                ? Problem.Conflict("appointment-not-booked", $"The appointment is {a.Status}" +
                    (a.RepairOrderId is null ? "." : $" with repair order {a.RepairOrderId}."))
                : a with { Status = AppointmentStatus.Arrived, RepairOrderId = repairOrderId },
            $"arrived: repair order {repairOrderId}");
    }

    public async Task<Outcome<AppointmentView>> Release(string appointmentId, string repairOrderId) =>
        await Find(appointmentId) is { Status: AppointmentStatus.Arrived } arrived && arrived.RepairOrderId == repairOrderId
            ? await Change(nameof(Release), appointmentId, null, [appointmentId, repairOrderId], "release appointments", RoleSets.ServiceDesk,
                (a, now) => a with { Status = AppointmentStatus.Cancelled, CancelReason = $"repair order {repairOrderId} cancelled" },
                $"released: repair order {repairOrderId} cancelled")
            : NotFound(appointmentId);

    private async Task<Outcome<AppointmentView>> Add(string appointmentId, NewAppointment appointment, DateTimeOffset slotStarts, bool walkIn,
        DateTimeOffset now, string? operationId)
    {
        if (Live().Count() >= MaxAppointments || state.State.Bookings.Count >= 4 * MaxAppointments)
        {
            return Problem.Conflict("day-full", $"The day holds {MaxAppointments} appointments already.");
        }

        var view = new AppointmentView(appointmentId, Key.StoreId, Day, slotStarts, new BookedJob(slotStarts, appointment.ExpectedHours).Ends,
            appointment, AppointmentStatus.Booked, walkIn, null, now, Audit.Who, null, 1);
        return await Command.Run<WorkshopDayState, AppointmentView>(state, operations,
            new CommandSpec(Key.StoreId, walkIn ? nameof(BookWalkIn) : nameof(Book), operationId, [appointment], "book the workshop",
                RoleSets.ServiceDesk),
            () => null,
            async () =>
            {
                state.State.Bookings.Add(new DayBooking { AppointmentId = appointmentId, SlotStarts = slotStarts, Hours = appointment.ExpectedHours });
                await Stage(view, now, $"{(walkIn ? "walk-in" : "booked")} {slotStarts:HH\\:mm} for {appointment.ExpectedHours} h: {appointment.Concern}");
                return view;
            },
            v => Published(v, now));
    }

    private async Task<Outcome<AppointmentView>> Change(string name, string appointmentId, string? operationId, object?[] arguments, string action,
        StaffRole[] roles, Func<AppointmentView, DateTimeOffset, Outcome<AppointmentView>> change, string what)
    {
        var now = clock.GetUtcNow();
        var current = state.State.Bookings.Exists(b => b.AppointmentId == appointmentId) ? await Find(appointmentId) : null;
        return await Command.Run<WorkshopDayState, AppointmentView>(state, operations,
            new CommandSpec(Key.StoreId, name, operationId, arguments, action, roles),
            () => current is null ? NotFound(appointmentId) : null,
            async () =>
            {
                var changed = change(current!, now);
                if (changed.Value is not { } next)
                {
                    return changed;
                }

                next = next with { Revision = current!.Revision + 1 };
                state.State.Bookings.Find(b => b.AppointmentId == appointmentId)!.Live = next.Status != AppointmentStatus.Cancelled;
                await Stage(next, now, what);
                return next;
            },
            v => Published(v, now));
    }

    private Task Published(AppointmentView a, DateTimeOffset now) =>
        StoreFeed.Publish(GrainFactory, Key.StoreId, now, "workshop", a.AppointmentId,
            $"Appointment {a.AppointmentId} {a.Status} at {a.SlotStarts:HH\\:mm} ({a.Booking.ExpectedHours} h)",
            new Dictionary<string, string>
            {
                ["appointmentId"] = a.AppointmentId,
                ["day"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["status"] = a.Status.ToString(),
            });

    /// <summary>The same booking again (a retried request): its answer; another booking under the same id is a conflict.</summary>
    private async Task<Outcome<AppointmentView>?> Existing(string appointmentId, NewAppointment appointment) =>
        !state.State.Bookings.Exists(b => b.AppointmentId == appointmentId) || await Find(appointmentId) is not { } found ? null
        : found.Booking with { WantedAt = default } == appointment with { WantedAt = default } ? found
        : Problem.Conflict("idempotency-key-reused", "This Idempotency-Key already booked another appointment.");

    /// <summary>The refusal with the nearest days' best slots for the job, so the advisor can offer them at once.</summary>
    private async Task<Outcome<AppointmentView>> Alternatives(SlotPlanner planner, NewAppointment appointment, DateTimeOffset now, Problem problem,
        bool laterDaysOnly = false)
    {
        var found = laterDaysOnly ? [] : SuggestHere(planner, appointment.WantedAt, appointment.ExpectedHours).ToList();
        var timeOfDay = appointment.WantedAt - StoreFacts.StartOf(Day, await Zone());
        for (var d = 1; d <= DaysAhead && found.Count == 0; d++)
        {
            var day = Day.AddDays(d);
            var wanted = StoreFacts.StartOf(day, await Zone()) + timeOfDay;
            var other = await GrainFactory.GetGrain<IWorkshopDayGrain>(ServiceKeys.Day(Key.StoreId, day)).Suggest(wanted, appointment.ExpectedHours);
            found.AddRange(other.Value?.Items ?? []);
        }

        return problem with { Alternatives = [.. found.Select(s => s.Starts)] };
    }

    private IReadOnlyList<SlotSuggestion> SuggestHere(SlotPlanner planner, DateTimeOffset wantedAt, decimal hours) =>
        planner.Suggest(planner.Booked(Jobs()), wantedAt, hours, clock.GetUtcNow());

    private IEnumerable<DayBooking> Live() => state.State.Bookings.Where(b => b.Live);

    /// <summary>The booking as the day keeps it: mobile as 11 digits, plate upper-case.</summary>
    private static NewAppointment Normalised(NewAppointment a) =>
        a with { Mobile = PersonalData.NormaliseMobile(a.Mobile) ?? a.Mobile, Plate = CarOf.Plate(a.Plate) };

    private IEnumerable<BookedJob> Jobs() => Live().Select(b => new BookedJob(b.SlotStarts, b.Hours));

    /// <summary>An appointment of this day as its row has it (written with the day's state, so the two agree).</summary>
    private async Task<AppointmentView?> Find(string appointmentId) =>
        await database.First($"SELECT {AppointmentRow.Columns} FROM service_appointments WHERE store_id = $1 AND appointment_id = $2 AND day = $3",
            AppointmentRow.Read, Key.StoreId, appointmentId, Day);

    private async Task<SlotPlanner?> Planner()
    {
        var workshop = (await GrainFactory.GetGrain<IWorkshopGrain>(GrainKeys.Store(Key.StoreId)).Get()).Value;
        return workshop?.Settings is { } settings ? SlotPlanner.For(settings, Day, await Zone()) : null;
    }

    private async Task<TimeZoneInfo> Zone() => StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId));

    private async Task Stage(AppointmentView a, DateTimeOffset now, string what)
    {
        var groupId = await storeGroups.GroupOf(Key.StoreId) ?? "";
        state.State.Pending.Add(new AppointmentRow(groupId, a));
        state.State.Pending.Add(new AuditRow(groupId, Key.StoreId, "appointment", a.AppointmentId, now, Audit.Who, what));
    }

    private static Problem NotSetUp() =>
        Problem.Refused("workshop-not-set-up", "The workshop's bays, roster and opening hours are not set up yet (PUT /workshop).");

    private Problem NotFound(string appointmentId) => Problem.NotFound($"Appointment '{appointmentId}'");
}
