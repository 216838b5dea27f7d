using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;

namespace Dealership.Contracts.Service;

/// <summary>
/// What the caller needs for the follow-up call after a service visit (售后回访): whom to call, which car, what was done, who
/// served them, and earlier calls about the same visit.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceCallSheet")]
public sealed record ServiceCallSheet(
    [property: Id(0)] string TaskId,
    [property: Id(1)] string RepairOrderId,
    [property: Id(2)] string CustomerName,
    [property: Id(3)] string Mobile,
    [property: Id(4)] string? Vin,
    [property: Id(5)] string? Plate,
    [property: Id(6)] string Concern,
    [property: Id(7)] IReadOnlyList<string> WorkDone,
    [property: Id(8)] DateTimeOffset? DeliveredAt,
    [property: Id(9)] string AdvisorId,
    [property: Id(10)] int Attempt,
    [property: Id(11)] DateTimeOffset Due,
    [property: Id(12)] bool Done,
    [property: Id(13)] IReadOnlyList<CallAttempt> Calls);

/// <summary>A follow-up call after a service visit: the call task of a store (key <see cref="GrainKeys.InStore"/>(store, task id)).</summary>
[Alias("IServiceCallGrain")]
public interface IServiceCallGrain : IGrainWithStringKey
{
    [Alias("GetSheet")]
    Task<Outcome<ServiceCallSheet>> GetSheet();

    /// <summary>The call's outcome; never by the advisor who served the customer. Unhappy opens a complaint for the general manager.</summary>
    [Alias("Record")]
    Task<Outcome<ServiceCallSheet>> Record(CallOutcomeDraft draft, string? operationId);
}

/// <summary>The car's sale by this store, if it sold it.</summary>
[GenerateSerializer, Immutable, Alias("VehicleSale")]
public sealed record VehicleSale(
    [property: Id(0)] string DealId,
    [property: Id(1)] string CustomerName,
    [property: Id(2)] string ConsultantId,
    [property: Id(3)] DateTimeOffset? DeliveredAt);

/// <summary>
/// A car's record at the service desk (车辆档案), by VIN or plate: its sale by the store, every visit newest first with its
/// mileage, the last odometer reading and the customer's complaints still open.
/// </summary>
[GenerateSerializer, Immutable, Alias("VehicleServiceHistory")]
public sealed record VehicleServiceHistory(
    [property: Id(0)] string? Vin,
    [property: Id(1)] string? Plate,
    [property: Id(2)] VehicleSale? Sale,
    [property: Id(3)] int? LastOdometer,
    [property: Id(4)] IReadOnlyList<RepairOrderSummary> Visits,
    [property: Id(5)] IReadOnlyList<ComplaintView> OpenComplaints,
    [property: Id(6)] string? Next);

/// <summary>One technician's hours over a period.</summary>
/// <param name="StaffId">The technician.</param>
/// <param name="AvailableHours">Rostered hours on the workshop's open days.</param>
/// <param name="WorkedHours">Clocked on jobs.</param>
/// <param name="FlatRateHours">The flat-rate hours of the labour lines they finished.</param>
/// <param name="Productivity">Worked ÷ available.</param>
/// <param name="Efficiency">Flat-rate ÷ worked.</param>
[GenerateSerializer, Immutable, Alias("TechnicianNumbers")]
public sealed record TechnicianNumbers(
    [property: Id(0)] string StaffId,
    [property: Id(1)] decimal AvailableHours,
    [property: Id(2)] decimal WorkedHours,
    [property: Id(3)] decimal FlatRateHours,
    [property: Id(4)] decimal? Productivity,
    [property: Id(5)] decimal? Efficiency);

[GenerateSerializer, Immutable, Alias("WorkshopDayLoad")]
public sealed record WorkshopDayLoad(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] decimal CapacityHours,
    [property: Id(2)] decimal BookedHours,
    [property: Id(3)] int Appointments);

/// <summary>
/// The service department's numbers over store-local days <c>from</c>–<c>to</c>: load per day, technician productivity and
/// efficiency, repair orders delivered and how many by the time promised, follow-up calls due and done on time, complaints open.
/// </summary>
[GenerateSerializer, Immutable, Alias("ServiceNumbers")]
public sealed record ServiceNumbers(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly From,
    [property: Id(2)] DateOnly To,
    [property: Id(3)] IReadOnlyList<WorkshopDayLoad> Days,
    [property: Id(4)] IReadOnlyList<TechnicianNumbers> Technicians,
    [property: Id(5)] int Delivered,
    [property: Id(6)] int DeliveredOnTime,
    [property: Id(7)] int FollowUpsDue,
    [property: Id(8)] int FollowUpsDoneOnTime,
    [property: Id(9)] int ComplaintsOpen);

/// <summary>A store's repair orders, car histories and numbers: SQL over the rows the orders write. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IServiceListGrain")]
public interface IServiceListGrain : IGrainWithStringKey
{
    [Alias("RepairOrders")]
    Task<Outcome<Page<RepairOrderSummary>>> RepairOrders(RepairOrderStatus? status, PageRequest page);

    [Alias("History")]
    Task<Outcome<VehicleServiceHistory>> History(string? vin, string? plate, PageRequest page);

    [Alias("Numbers")]
    Task<Outcome<ServiceNumbers>> Numbers(DateOnly from, DateOnly to);

    /// <summary>
    /// The cars in the workshop now (orders open, not yet handed back), for the service board on the lounge's wall: plates
    /// masked, no customer; promised first. Any of the store's staff and its board tokens may read it.
    /// </summary>
    [Alias("InWorkshop")]
    Task<IReadOnlyList<CarInWorkshop>> InWorkshop();
}

/// <summary>A car on the service board: what a customer in the lounge looks for (the plate, masked) and where their car is.</summary>
[GenerateSerializer, Immutable, Alias("CarInWorkshop")]
public sealed record CarInWorkshop(
    [property: Id(0)] string RepairOrderId,
    [property: Id(1)] string? MaskedPlate,
    [property: Id(2)] RepairOrderStatus Status,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset? PromisedAt)
{
    /// <summary>The most cars a board shows (a day's work of a large workshop).</summary>
    public const int MaxOnBoard = 200;

    /// <summary>"京A·***45": the province and city letter and the last two characters, enough to spot one's car and no more.</summary>
    public static string? MaskPlate(string? plate) =>
        plate is null ? null : plate.Length <= 4 ? "****" : $"{plate[..2]}·{new string('*', plate.Length - 4)}{plate[^2..]}";
}
