using Dealership.Contracts.Common;

namespace Dealership.Contracts.Service;

/// <summary>
/// When a model is due for maintenance (保养): the first service after delivery, then every interval, by distance or time,
/// whichever comes first; and what each service includes (the repair order's template).
/// </summary>
/// <param name="Model">The model (as the price book and stock name it), or <c>*</c> for the store's plan for any other model.</param>
/// <param name="FirstKm">The first service's distance from delivery (e.g. 5,000 km).</param>
/// <param name="FirstMonths">The first service's time from delivery (e.g. 6 months).</param>
/// <param name="IntervalKm">The regular interval's distance (e.g. 10,000 km).</param>
/// <param name="IntervalMonths">The regular interval's time (e.g. 12 months).</param>
/// <param name="Operations">What a service includes: operations and parts, one per line (at most 30).</param>
/// <param name="WarrantyYears">The model's basic warranty (整车质保) in years from delivery (e.g. 3).</param>
/// <param name="WarrantyKm">The basic warranty's distance (e.g. 100,000 km); it ends at whichever comes first.</param>
[GenerateSerializer, Immutable, Alias("MaintenancePlan")]
public sealed record MaintenancePlan(
    [property: Id(0)] string Model,
    [property: Id(1)] int FirstKm,
    [property: Id(2)] int FirstMonths,
    [property: Id(3)] int IntervalKm,
    [property: Id(4)] int IntervalMonths,
    [property: Id(5)] IReadOnlyList<string> Operations,
    [property: Id(6), System.ComponentModel.DefaultValue(3)] int WarrantyYears = 3,
    [property: Id(7), System.ComponentModel.DefaultValue(100_000)] int WarrantyKm = 100_000)
{
    public const string AnyModel = "*";

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("model", Model, 60)
            .Range("firstKm", FirstKm, 500, 50_000)
            .Range("firstMonths", FirstMonths, 1, 24)
            .Range("intervalKm", IntervalKm, 1_000, 100_000)
            .Range("intervalMonths", IntervalMonths, 1, 36)
            .Range("warrantyYears", WarrantyYears, 1, 10)
            .Range("warrantyKm", WarrantyKm, 10_000, 1_000_000);
        if (Operations is null || Operations.Count is 0 or > 30)
        {
            errors.Add("operations", "list 1-30 operations or parts.");
        }
        else
        {
            for (var i = 0; i < Operations.Count; i++)
            {
                errors.Required($"operations[{i}]", Operations[i], 120);
            }
        }

        return errors;
    }
}

/// <summary>A plan as kept: the plan, and who set it when.</summary>
[GenerateSerializer, Immutable, Alias("MaintenancePlanView")]
public sealed record MaintenancePlanView(
    [property: Id(0)] MaintenancePlan Plan,
    [property: Id(1)] DateTimeOffset UpdatedAt,
    [property: Id(2)] string UpdatedBy);

/// <summary>What set a car's next service.</summary>
public enum DueBasis
{
    /// <summary>The months of the plan run out first.</summary>
    Time = 1,

    /// <summary>The kilometres of the plan, at the car's pace, run out first.</summary>
    Distance = 2,

    /// <summary>The next visit the advisor agreed with the customer at handover.</summary>
    Agreed = 3,
}

/// <summary>
/// A car's next service: computed from its delivery and its visits' odometer readings (its pace in km a day from the first and last
/// reading since any cluster replacement; the store's default pace with fewer than two readings a day apart), the plan of its model,
/// or the next visit agreed at handover. The store that serviced it last reminds it (the selling store if it never came back).
/// </summary>
[GenerateSerializer, Immutable, Alias("NextServiceDue")]
public sealed record NextServiceDue(
    [property: Id(0)] string Vin,
    [property: Id(1)] string? Model,
    [property: Id(2)] string RemindingStoreId,
    [property: Id(3)] DateTimeOffset? DeliveredAt,
    [property: Id(4)] DateTimeOffset? LastServiceAt,
    [property: Id(5)] int LastOdometer,
    [property: Id(6)] int Readings,
    [property: Id(7)] decimal KmPerDay,
    [property: Id(8)] bool FirstService,
    [property: Id(9)] DateOnly DueOn,
    [property: Id(10)] int DueKm,
    [property: Id(11)] DueBasis Basis,
    [property: Id(12)] string PlanModel,
    [property: Id(13)] IReadOnlyList<string> Operations);

/// <summary>How a reminder call went.</summary>
public enum ReminderOutcome
{
    /// <summary>The customer booked: the appointment (made through the workshop's levelling rules) is named.</summary>
    Booked = 1,

    /// <summary>Reached, and not now (the reason is kept).</summary>
    Declined = 2,

    /// <summary>Not reached: tried again on another day, three times at most; these do not count against the contact limit.</summary>
    Unreachable = 3,

    /// <summary>The customer sold the car or moved away: no more reminders until it is serviced here again.</summary>
    SoldOrMoved = 4,
}

/// <summary>A reminder call's outcome as the caller records it.</summary>
/// <param name="Outcome">Booked, Declined, Unreachable or SoldOrMoved.</param>
/// <param name="AppointmentId">For Booked: the appointment booked for the car (POST /appointments).</param>
/// <param name="Reason">For Declined and SoldOrMoved: why (kept with who and when).</param>
[GenerateSerializer, Immutable, Alias("ReminderOutcomeDraft")]
public sealed record ReminderOutcomeDraft(
    [property: Id(0)] ReminderOutcome Outcome,
    [property: Id(1)] string? AppointmentId = null,
    [property: Id(2)] string? Reason = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().MaxLength("reason", Reason, 200).MaxLength("appointmentId", AppointmentId, 60);
        if (!Enum.IsDefined(Outcome))
        {
            errors.Add("outcome", "must be Booked, Declined, Unreachable or SoldOrMoved.");
        }

        if (Outcome == ReminderOutcome.Booked && string.IsNullOrWhiteSpace(AppointmentId))
        {
            errors.Add("appointmentId", "is required when the customer booked: book the appointment first.");
        }

        if (Outcome is ReminderOutcome.Declined or ReminderOutcome.SoldOrMoved && string.IsNullOrWhiteSpace(Reason))
        {
            errors.Add("reason", "is required when the customer declined, sold the car or moved away.");
        }

        return errors;
    }
}

/// <summary>One reminder call about a car.</summary>
[GenerateSerializer, Immutable, Alias("ReminderContact")]
public sealed record ReminderContact(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] ReminderOutcome Outcome,
    [property: Id(3)] string? Reason,
    [property: Id(4)] string? AppointmentId,
    [property: Id(5)] DateOnly DueOn);

/// <summary>A car on the reminder list: due (or overdue), no appointment open, the customer reachable and not contacted lately.</summary>
[GenerateSerializer, Immutable, Alias("ServiceReminder")]
public sealed record ServiceReminder(
    [property: Id(0)] string Vin,
    [property: Id(1)] string? Plate,
    [property: Id(2)] string? Model,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string MaskedMobile,
    [property: Id(5)] DateOnly DueOn,
    [property: Id(6)] int DueKm,
    [property: Id(7)] DueBasis Basis,
    [property: Id(8)] bool Overdue,
    [property: Id(9)] int UnreachableAttempts,
    [property: Id(10)] DateTimeOffset? LastServiceAt);

/// <summary>
/// A line of the reminder list as it is downloaded for a bulk-message tool (SMS, WeChat): the customer's number in full, so the
/// download is kept in the audit trail with who and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReminderExportLine")]
public sealed record ReminderExportLine(
    [property: Id(0)] string Vin,
    [property: Id(1)] string? Plate,
    [property: Id(2)] string? Model,
    [property: Id(3)] string CustomerName,
    [property: Id(4)] string Mobile,
    [property: Id(5)] DateOnly DueOn,
    [property: Id(6)] int DueKm,
    [property: Id(7)] DueBasis Basis,
    [property: Id(8)] bool Overdue);

/// <summary>What the caller needs to ring the customer and book: the car's due, whom to call (the number in full) and the calls so far.</summary>
[GenerateSerializer, Immutable, Alias("ReminderCallCard")]
public sealed record ReminderCallCard(
    [property: Id(0)] NextServiceDue Due,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string Mobile,
    [property: Id(4)] string? Plate,
    [property: Id(5)] bool MarketingConsent,
    [property: Id(6)] IReadOnlyList<ReminderContact> Contacts);

/// <summary>How a customer agreed to be contacted.</summary>
public enum ContactChannel
{
    Phone = 1,
    Sms = 2,
    WeChat = 3,
}

/// <summary>A customer's consent to marketing contact (PIPL): given at the first visit, changed on their request.</summary>
/// <param name="Marketing">Whether the store may contact them with reminders, offers and invitations.</param>
/// <param name="Channel">The channel they prefer, when they agreed.</param>
[GenerateSerializer, Immutable, Alias("ConsentDraft")]
public sealed record ConsentDraft(
    [property: Id(0)] bool Marketing,
    [property: Id(1)] ContactChannel? Channel = null)
{
    public FieldErrors Validate() =>
        Channel is { } c && !Enum.IsDefined(c) ? new FieldErrors().Add("channel", "must be Phone, Sms or WeChat.") : new FieldErrors();
}

/// <summary>A customer's consent as it stands and every change, newest first, with who and when.</summary>
[GenerateSerializer, Immutable, Alias("CustomerConsent")]
public sealed record CustomerConsent(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool? Marketing,
    [property: Id(2)] ContactChannel? Channel,
    [property: Id(3)] IReadOnlyList<ConsentChange> Changes);

[GenerateSerializer, Immutable, Alias("ConsentChange")]
public sealed record ConsentChange(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] bool Marketing,
    [property: Id(3)] ContactChannel? Channel);

/// <summary>
/// A store's maintenance plans, its cars' next services and the reminder list: SQL over the repair orders, deliveries, plans and
/// calls. Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IMaintenanceGrain")]
public interface IMaintenanceGrain : IGrainWithStringKey
{
    [Alias("Plans")]
    Task<Outcome<IReadOnlyList<MaintenancePlanView>>> Plans();

    [Alias("SetPlan")]
    Task<Outcome<MaintenancePlanView>> SetPlan(MaintenancePlan plan, string? operationId);

    /// <summary>A car's next service (404 when the group never sold or serviced it, or no plan covers it).</summary>
    [Alias("NextService")]
    Task<Outcome<NextServiceDue>> NextService(string vin);

    /// <summary>The cars this store reminds that are due within the store's window (or overdue), soonest first.</summary>
    [Alias("Reminders")]
    Task<Outcome<Page<ServiceReminder>>> Reminders(PageRequest page);

    /// <summary>The whole reminder list with full numbers, for a bulk-message tool; the download is audited.</summary>
    [Alias("ReminderExport")]
    Task<Outcome<IReadOnlyList<ReminderExportLine>>> ReminderExport();

    [Alias("CallCard")]
    Task<Outcome<ReminderCallCard>> CallCard(string vin);

    [Alias("RecordOutcome")]
    Task<Outcome<ReminderCallCard>> RecordOutcome(string vin, ReminderOutcomeDraft draft, string? operationId);

    [Alias("Consent")]
    Task<Outcome<CustomerConsent>> Consent(string customerId);

    [Alias("SetConsent")]
    Task<Outcome<CustomerConsent>> SetConsent(string customerId, ConsentDraft draft, string? operationId);
}
