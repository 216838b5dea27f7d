using Dealership.Contracts.Common;

namespace Dealership.Contracts.Vehicles;

/// <summary>A car, keyed within its group: <see cref="GrainKeys.InGroup"/>(group, VIN).</summary>
[Alias("IVehicleGrain")]
public interface IVehicleGrain : IGrainWithStringKey
{
    /// <summary>Registers the car in a store; refused if the VIN is already registered in the group.</summary>
    [Alias("Register")]
    Task<Outcome<VehicleView>> Register(string storeId, NewVehicle vehicle, string? operationId);

    /// <summary>The car, if it belongs to <paramref name="storeId"/> (else not-found).</summary>
    [Alias("Get")]
    Task<Outcome<VehicleView>> Get(string storeId);

    /// <summary>A clerk's move (ship, receive, return); illegal moves are refused with code <c>illegal-transition</c>.</summary>
    [Alias("Move")]
    Task<Outcome<VehicleView>> Move(string storeId, VehicleMove move, string? operationId);

    /// <summary>The deal holding the car has invoiced it: Reserved → Sold. Refused unless <paramref name="dealId"/> holds the reservation.</summary>
    [Alias("Sell")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> Sell(string storeId, string dealId);

    /// <summary>The deal holding the car has handed it over: Sold → Delivered (a SaleOut ledger entry).</summary>
    [Alias("Deliver")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> Deliver(string storeId, string dealId);

    /// <summary>The deal that sold the car unwound it (退车): Sold or Delivered → InStock, unreserved (a Return ledger entry if it had left).</summary>
    [Alias("TakeBack")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> TakeBack(string storeId, string dealId);

    /// <summary>Reserves the car for one deal. A second deal gets <c>vin-already-reserved</c>; the same deal again succeeds.</summary>
    [Alias("Reserve")]
    Task<Outcome<VehicleView>> Reserve(string storeId, string dealId, string? operationId);

    /// <summary>Releases the reservation held by <paramref name="dealId"/> (e.g. the deal was cancelled).</summary>
    [Alias("Release")]
    Task<Outcome<VehicleView>> Release(string storeId, string dealId, string? operationId);

    /// <summary>Sets the demo flag, the certificate location and the floor-plan credit.</summary>
    [Alias("UpdateDetails")]
    Task<Outcome<VehicleView>> UpdateDetails(string storeId, bool demo, CertificateLocation certificate, FloorPlan? floorPlan);

    /// <summary>
    /// Receives the car from an OEM shipment: a car new to the group is registered in stock; a car this store had as
    /// ordered or in transit arrives. Receiving it again under the same shipment is harmless; anything else is <c>vin-exists</c>.
    /// </summary>
    [Alias("ReceiveFromShipment")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> ReceiveFromShipment(string storeId, string shipmentNumber, ShipmentLine line);

    /// <summary>The car leaves its store for another store of the group (TransferOut); refused if reserved or not in stock.</summary>
    [Alias("TransferOut")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> TransferOut(string fromStoreId, string transferId, string toStoreId);

    /// <summary>The car arrives at the store it was transferred to (TransferIn) and now belongs to it.</summary>
    [Alias("TransferIn")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> TransferIn(string toStoreId, string transferId);

    /// <summary>
    /// Takes a free demo car of the store out on a test drive; a car already out gets <c>vehicle-on-test-drive</c>, a car booked now
    /// for another customer <c>vehicle-booked</c>.
    /// </summary>
    [Alias("StartTestDrive")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> StartTestDrive(string storeId, string driveId, string customerId);

    /// <summary>The car is back from the drive <paramref name="driveId"/>.</summary>
    [Alias("EndTestDrive")]
    [ForGrainsOnly]
    Task<Outcome<VehicleView>> EndTestDrive(string storeId, string driveId, int mileage);

    /// <summary>
    /// Books the demo car for a customer's test drive from <see cref="NewTestDriveBooking.Start"/> to its end. A slot that overlaps
    /// another live booking of the car is refused (409 <c>booking-overlaps</c>, naming it): the car's grain books one at a time.
    /// </summary>
    [Alias("Book")]
    Task<Outcome<TestDriveBooking>> Book(string storeId, string bookingId, NewTestDriveBooking booking, string? operationId);

    /// <summary>Cancels a booking of this car (kept on record with who and when); cancelling it again changes nothing.</summary>
    [Alias("CancelBooking")]
    Task<Outcome<TestDriveBooking>> CancelBooking(string storeId, string bookingId, string? operationId);

    /// <summary>The car's history (state changes and ledger entries), oldest first, a page at a time.</summary>
    [Alias("GetHistory")]
    Task<Outcome<Page<VehicleEvent>>> GetHistory(string storeId, PageRequest page);

    /// <summary>
    /// A correction of this car's line in a store's stock ledger after a physical count: +1 or −1, with a reason. The car's
    /// balance in that store stays 0 or 1 (409 <c>ledger-balance</c> otherwise).
    /// </summary>
    [Alias("CorrectLedger")]
    Task<Outcome<StockLedgerEntry>> CorrectLedger(string storeId, int quantity, string reason, string? operationId);
}
