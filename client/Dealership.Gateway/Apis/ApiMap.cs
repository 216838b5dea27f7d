namespace Dealership.Gateway.Apis;

/// <summary>Every area of the REST API, in the order a reader meets them.</summary>
public static class ApiMap
{
    public static WebApplication MapDealershipApis(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapStoresApi();
        app.MapStaffApi();
        app.MapConsultantsApi();
        app.MapShowroomRegisterApi();
        app.MapProspectsApi();
        app.MapTestDrivesApi();
        app.MapTestDriveBookingsApi();
        app.MapPriceBookApi();
        app.MapDealsApi();
        app.MapDealMoneyApi();
        app.MapDeliveryApi();
        app.MapSalesNumbersApi();
        app.MapVehiclesApi();
        app.MapShipmentsApi();
        app.MapTransfersApi();
        app.MapStockApi();
        app.MapPartsApi();
        app.MapTasksApi();
        app.MapAfterSaleApi();
        app.MapWeeklyReportsApi();
        app.MapOemOrdersApi();
        app.MapEventsApi();
        return app;
    }
}
