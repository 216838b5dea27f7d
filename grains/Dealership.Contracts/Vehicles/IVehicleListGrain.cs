using Dealership.Contracts.Common;

namespace Dealership.Contracts.Vehicles;

/// <summary>
/// A store's cars, read with SQL from the row each car writes with its own state (the row moves with the car to another
/// store). Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("IVehicleListGrain")]
public interface IVehicleListGrain : IGrainWithStringKey
{
    /// <summary>Every car the store has had, by VIN, optionally in one status, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<VehicleSummary>>> List(VehicleStatus? status, PageRequest page);

    /// <summary>
    /// The stock list (cars held or awaited) with days in stock, aged units, certificates, floor-plan dues and, over all of them,
    /// the figures and the inventory coefficient; the rows a page at a time.
    /// </summary>
    [Alias("Stock")]
    Task<Outcome<StockReport>> Stock(StockFilter filter, PageRequest page);

    /// <summary>
    /// The store's test-drive bookings that start on <paramref name="day"/> (the store's calendar), optionally of one car, by start
    /// time; cancelled ones only when asked.
    /// </summary>
    [Alias("Bookings")]
    Task<Outcome<Page<TestDriveBooking>>> Bookings(DateOnly day, string? vin, bool withCancelled, PageRequest page);

    /// <summary>How many of the store's cars are in each status (the wall board's counts).</summary>
    [Alias("CountByStatus")]
    Task<IReadOnlyDictionary<VehicleStatus, int>> CountByStatus();
}
