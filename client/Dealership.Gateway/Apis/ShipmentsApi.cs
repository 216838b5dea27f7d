using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Stores;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public static class ShipmentsApi
{

    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}/shipments").WithTags("Vehicles");
        api.MapPost("", Receive).ForStore(RoleSets.StockKeepers).WithName("ReceiveShipment")
            .Creates<ShipmentReport>().Conflicts("shipment-exists").Refuses("shipment-refused")
            .WithSummary("Receive an OEM shipment (入库): every car inspected and taken into stock, with a result per VIN. A VIN " +
                "already in the group is refused (vin-exists) while the others are received. Sending the same shipment again " +
                "returns the same report and receives nothing twice. Answers 201 with the receipt and its Location.");
        api.MapGet("/{shipmentNumber}", Get).ForStore(RoleSets.StockKeepers).WithName("GetShipment").Answers<ShipmentReport>()
            .WithSummary("The receipt of a shipment, per VIN.");
        return app;
    }

    private static async Task<IResult> Receive(string storeId, NewShipment shipment, IClusterClient cluster, HttpContext http)
    {
        var errors = shipment.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var outcome = await cluster.GetGrain<IShipmentGrain>(GrainKeys.InStore(storeId, shipment.ShipmentNumber)).Receive(http.StoreGroup(), shipment);

        // A receipt is created (and a retry answers with the same one): 201 with its address, as every create.
        return outcome.ToResult(r => TypedResults.Created($"/api/stores/{storeId}/shipments/{r.ShipmentNumber}", r));
    }

    private static async Task<IResult> Get(string storeId, string shipmentNumber, IClusterClient cluster) =>
        NewShipment.IsShipmentNumber(shipmentNumber)
            ? (await cluster.GetGrain<IShipmentGrain>(GrainKeys.InStore(storeId, shipmentNumber)).Get()).ToResult()
            : Problems.ToResult(Problem.NotFound("Shipment"));
}
