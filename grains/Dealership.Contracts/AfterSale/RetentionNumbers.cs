using Dealership.Contracts.Common;

namespace Dealership.Contracts.AfterSale;

/// <summary>
/// The month's maintenance reminders as a funnel: cars whose service fell due in the month (as the store's daily reminder list
/// first listed them), of those the ones whose customer was reached about that service, the ones booked, and the ones that came to
/// the workshop from the day they were listed to 30 days after they were due. Rates are fractions of the step before.
/// </summary>
[GenerateSerializer, Immutable, Alias("ReminderFunnel")]
public sealed record ReminderFunnel(
    [property: Id(0)] int Due,
    [property: Id(1)] int Contacted,
    [property: Id(2)] int Booked,
    [property: Id(3)] int Arrived,
    [property: Id(4)] decimal? ContactRate,
    [property: Id(5)] decimal? BookingRate,
    [property: Id(6)] decimal? ArrivalRate);

/// <summary>
/// Customer retention (客户保有率) at the month's end: the cars on the store's books (sold or serviced by it in the five years
/// before the last twelve months) and those of them that came back to its workshop within the last twelve months.
/// </summary>
[GenerateSerializer, Immutable, Alias("CustomerRetention")]
public sealed record CustomerRetention(
    [property: Id(0)] DateOnly AsOf,
    [property: Id(1)] int CarsOnBooks,
    [property: Id(2)] int CameBack,
    [property: Id(3)] decimal? Rate);

/// <summary>The policies expiring in the month and what became of them (the renewal rate: renewed with us ÷ expiring).</summary>
[GenerateSerializer, Immutable, Alias("RenewalFigures")]
public sealed record RenewalFigures(
    [property: Id(0)] int Expiring,
    [property: Id(1)] int RenewedWithUs,
    [property: Id(2)] int RenewedElsewhere,
    [property: Id(3)] int Lost,
    [property: Id(4)] int Open,
    [property: Id(5)] decimal? Rate,
    [property: Id(6)] decimal RenewedCommission);

/// <summary>The month's warranty calls (cars called before their basic warranty ends) and extended warranties sold, at the store's prices.</summary>
[GenerateSerializer, Immutable, Alias("WarrantyFigures")]
public sealed record WarrantyFigures(
    [property: Id(0)] int CarsCalled,
    [property: Id(1)] int Extended,
    [property: Id(2)] decimal ExtensionRevenue,
    [property: Id(3)] decimal ExtensionMargin);

/// <summary>The customer events held in the month and their results (customers who came, their orders and retail sales within 30 days).</summary>
[GenerateSerializer, Immutable, Alias("EventFigures")]
public sealed record EventFigures(
    [property: Id(0)] int Events,
    [property: Id(1)] int Invited,
    [property: Id(2)] int CheckedIn,
    [property: Id(3)] int Orders,
    [property: Id(4)] int RetailSales,
    [property: Id(5)] decimal GrossProfit,
    [property: Id(6)] decimal Budget,
    [property: Id(7)] decimal? CostPerOrder);

/// <summary>
/// How well a store brings its customers back, for one store-local month (the month so far while it runs): the reminder funnel,
/// customer retention, the insurance renewal rate, warranty calls and extensions, and customer events. Made from the records.
/// </summary>
[GenerateSerializer, Immutable, Alias("RetentionNumbers")]
public sealed record RetentionNumbers(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Month,
    [property: Id(2)] DateOnly From,
    [property: Id(3)] DateOnly To,
    [property: Id(4)] ReminderFunnel Reminders,
    [property: Id(5)] CustomerRetention Retention,
    [property: Id(6)] RenewalFigures Renewals,
    [property: Id(7)] WarrantyFigures Warranty,
    [property: Id(8)] EventFigures Events,
    [property: Id(9)] DateTimeOffset At);

/// <summary>Every store of the group side by side for HQ: each store's retention numbers for the month.</summary>
[GenerateSerializer, Immutable, Alias("GroupRetention")]
public sealed record GroupRetention(
    [property: Id(0)] string GroupId,
    [property: Id(1)] string Month,
    [property: Id(2)] IReadOnlyList<RetentionNumbers> Stores);

/// <summary>A store's retention numbers, made from the records on demand (any past month too). Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IRetentionNumbersGrain")]
public interface IRetentionNumbersGrain : IGrainWithStringKey
{
    /// <summary>The numbers of the month beginning <paramref name="month"/>; 400 <c>month</c> for a month not begun.</summary>
    [Alias("Get")]
    Task<Outcome<RetentionNumbers>> Get(DateOnly month);
}

/// <summary>The group's stores compared on their retention numbers, for HQ. Key: <see cref="GrainKeys.Group"/>.</summary>
[Alias("IGroupRetentionGrain")]
public interface IGroupRetentionGrain : IGrainWithStringKey
{
    [Alias("Compare")]
    Task<Outcome<GroupRetention>> Compare(DateOnly month);
}
