using System.ComponentModel;
using Dealership.Contracts.Common;

namespace Dealership.Contracts.Service;

/// <summary>A technician on the workshop's roster and the hours they work each open day (store-local).</summary>
[GenerateSerializer, Immutable, Alias("WorkshopTechnician")]
public sealed record WorkshopTechnician(
    [property: Id(0)] string StaffId,
    [property: Id(1)] TimeOnly Starts,
    [property: Id(2)] TimeOnly Ends);

/// <summary>
/// What the workshop can take (车间产能): its bays, its technicians and their hours, the opening hours cut into slots. A slot's
/// capacity is the bays that have a technician for the whole slot, times the slot's length, in labour hours.
/// </summary>
/// <param name="Bays">Work bays (工位) that can hold a car at once.</param>
/// <param name="SlotMinutes">Length of a booking slot: 15, 20, 30, 60, 90 or 120 minutes.</param>
/// <param name="Opens">When the workshop opens, store-local.</param>
/// <param name="Closes">When the workshop closes, store-local; every job is booked to end by then.</param>
/// <param name="Technicians">Who works in the workshop, and when.</param>
/// <param name="LabourRate">The store's labour rate per flat-rate hour (CNY, incl. VAT): every labour line is priced at it.</param>
/// <param name="FollowUpDays">Days after handover that the follow-up call is due.</param>
/// <param name="ClosedOn">Days of the week the workshop is closed.</param>
/// <param name="ReminderDays">How many days ahead of a car's due service it comes on the reminder list (14 by default).</param>
/// <param name="DefaultKmPerDay">The pace assumed for a car with fewer than two odometer readings (40 km a day by default).</param>
/// <param name="ContactLimitDays">At most one reached reminder per car in this many days (7 by default).</param>
[GenerateSerializer, Immutable, Alias("WorkshopSettings")]
public sealed record WorkshopSettings(
    [property: Id(0)] int Bays,
    [property: Id(1)] int SlotMinutes,
    [property: Id(2)] TimeOnly Opens,
    [property: Id(3)] TimeOnly Closes,
    [property: Id(4)] IReadOnlyList<WorkshopTechnician> Technicians,
    [property: Id(5)] decimal LabourRate,
    [property: Id(6), DefaultValue(3)] int FollowUpDays = 3,
    [property: Id(7)] IReadOnlyList<DayOfWeek>? ClosedOn = null,
    [property: Id(8), DefaultValue(14)] int ReminderDays = 14,
    [property: Id(9), DefaultValue(40)] int DefaultKmPerDay = 40,
    [property: Id(10), DefaultValue(7)] int ContactLimitDays = 7)
{
    public const int MaxTechnicians = 100;

    public static readonly int[] SlotLengths = [15, 20, 30, 60, 90, 120];

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Range("bays", Bays, 1, 200)
            .Range("labourRate", LabourRate, 0.01m, 100_000m)
            .Range("followUpDays", FollowUpDays, 1, 30)
            .Range("reminderDays", ReminderDays, 1, 60)
            .Range("defaultKmPerDay", DefaultKmPerDay, 1, 500)
            .Range("contactLimitDays", ContactLimitDays, 1, 90);
        if (!SlotLengths.Contains(SlotMinutes))
        {
            errors.Add("slotMinutes", "must be 15, 20, 30, 60, 90 or 120.");
        }

        if (Closes <= Opens)
        {
            errors.Add("closes", "must be after opens.");
        }
        else if (SlotLengths.Contains(SlotMinutes) && (int)(Closes - Opens).TotalMinutes % SlotMinutes != 0)
        {
            errors.Add("closes", $"the opening hours must be whole slots of {SlotMinutes} minutes.");
        }

        if (Technicians is null || Technicians.Count == 0)
        {
            errors.Add("technicians", "name at least one technician.");
        }
        else if (Technicians.Count > MaxTechnicians)
        {
            errors.Add("technicians", $"at most {MaxTechnicians}.");
        }
        else
        {
            for (var i = 0; i < Technicians.Count; i++)
            {
                var t = Technicians[i];
                if (t is null || !Ids.IsValid(t.StaffId))
                {
                    errors.Add($"technicians[{i}].staffId", "must be a staff id.");
                }
                else if (Technicians.Take(i).Any(o => o?.StaffId == t.StaffId))
                {
                    errors.Add($"technicians[{i}].staffId", "is on the roster twice.");
                }

                if (t is not null && t.Ends <= t.Starts)
                {
                    errors.Add($"technicians[{i}].ends", "must be after starts.");
                }
            }
        }

        if (ClosedOn is { } days && days.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add("closedOn", "must be days of the week (Sunday-Saturday).");
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("WorkshopView")]
public sealed record WorkshopView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] WorkshopSettings? Settings,
    [property: Id(2)] int Revision,
    [property: Id(3)] DateTimeOffset? ChangedAt,
    [property: Id(4)] string? ChangedBy);

/// <summary>One booking slot of a service day: its labour capacity, what is booked in it, and how many cars arrive in it.</summary>
[GenerateSerializer, Immutable, Alias("WorkshopSlot")]
public sealed record WorkshopSlot(
    [property: Id(0)] DateTimeOffset Starts,
    [property: Id(1)] decimal CapacityHours,
    [property: Id(2)] decimal BookedHours,
    [property: Id(3)] int Arrivals)
{
    /// <summary>Booked ÷ capacity (0 when the slot has no capacity).</summary>
    public decimal Load => CapacityHours == 0 ? 0 : decimal.Round(BookedHours / CapacityHours, 3);
}

/// <summary>A service day (来车平均化): the load of every slot, the day's totals and its appointments in slot order.</summary>
[GenerateSerializer, Immutable, Alias("WorkshopDay")]
public sealed record WorkshopDay(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] bool Open,
    [property: Id(3)] decimal CapacityHours,
    [property: Id(4)] decimal BookedHours,
    [property: Id(5)] IReadOnlyList<WorkshopSlot> Slots,
    [property: Id(6)] IReadOnlyList<AppointmentView> Appointments);

/// <summary>A slot a job fits in: when it starts and how loaded the slots it would take already are.</summary>
[GenerateSerializer, Immutable, Alias("SlotSuggestion")]
public sealed record SlotSuggestion(
    [property: Id(0)] DateTimeOffset Starts,
    [property: Id(1)] DateTimeOffset EndsBy,
    [property: Id(2)] decimal Load);

[GenerateSerializer, Immutable, Alias("SlotSuggestions")]
public sealed record SlotSuggestions([property: Id(0)] IReadOnlyList<SlotSuggestion> Items);

/// <summary>The workshop of a store: its capacity and rates. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IWorkshopGrain")]
public interface IWorkshopGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<Outcome<WorkshopView>> Get();

    /// <summary>Sets bays, slots, opening hours, the technicians' roster, the labour rate; every technician must be one of the store's.</summary>
    [Alias("Set")]
    Task<Outcome<WorkshopView>> Set(WorkshopSettings settings, string? operationId);
}

/// <summary>
/// One service day of a store's workshop: its appointments and the load they put on each slot. Every booking of the day goes
/// through it, one at a time, so the last capacity of a slot goes to exactly one advisor. Key: <see cref="ServiceKeys.Day"/>.
/// </summary>
[Alias("IWorkshopDayGrain")]
public interface IWorkshopDayGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<Outcome<WorkshopDay>> Get();

    /// <summary>The least loaded slots of the day that fit a job of <paramref name="hours"/>, nearest <paramref name="wantedAt"/> first among equals.</summary>
    [Alias("Suggest")]
    Task<Outcome<SlotSuggestions>> Suggest(DateTimeOffset wantedAt, decimal hours);

    /// <summary>Books the slot holding the wanted time; a slot without room is 409 <c>slot-full</c> with the alternatives.</summary>
    [Alias("Book")]
    Task<Outcome<AppointmentView>> Book(string appointmentId, NewAppointment appointment, string? operationId);

    /// <summary>A customer who came without booking: the next slot from now with room, arrived at once.</summary>
    [Alias("BookWalkIn")]
    Task<Outcome<AppointmentView>> BookWalkIn(string appointmentId, NewAppointment appointment);

    [Alias("GetAppointment")]
    Task<Outcome<AppointmentView>> GetAppointment(string appointmentId);

    /// <summary>Calls the appointment off (or the customer did not come): its capacity is free again.</summary>
    [Alias("Cancel")]
    Task<Outcome<AppointmentView>> Cancel(string appointmentId, string reason, string? operationId);

    /// <summary>The car arrived and its repair order was opened.</summary>
    [Alias("CheckIn")]
    [ForGrainsOnly]
    Task<Outcome<AppointmentView>> CheckIn(string appointmentId, string repairOrderId);

    /// <summary>The repair order the car arrived for was called off: the capacity it took is free again.</summary>
    [Alias("Release")]
    [ForGrainsOnly]
    Task<Outcome<AppointmentView>> Release(string appointmentId, string repairOrderId);
}

/// <summary>Keys and ids of the service department's records.</summary>
public static class ServiceKeys
{
    /// <summary>The grain key of one service day of a store.</summary>
    public static string Day(string storeId, DateOnly day) => GrainKeys.InStore(storeId, "wd" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>An appointment's id: "ap", the day (yyyyMMdd) and 8 hex digits, so the id names the day that holds it.</summary>
    public static string AppointmentId(DateOnly day, string seed) =>
        "ap" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + seed[^8..];

    /// <summary>The day an appointment id names, or null if it is not one.</summary>
    public static DateOnly? DayOf(string? appointmentId) =>
        Ids.IsRecordId(appointmentId, "ap")
        && DateOnly.TryParseExact(appointmentId![2..10], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var day)
            ? day : null;
}
