using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

/// <summary>Every area of the REST API, in the order a reader meets them, in each version (see <see cref="ApiVersion"/>).</summary>
public static class ApiMap
{
    public static WebApplication MapDealershipApis(this WebApplication app)
    {
        app.MapGroup(ApiVersions.PrefixOf(ApiVersion.V1)).MapVersion(ApiVersion.V1);
        var v2 = app.MapGroup(ApiVersions.PrefixOf(ApiVersion.V2)).WithGroupName(ApiVersions.V2GroupName);
        v2.MapVersion(ApiVersion.V2);
        ((IEndpointConventionBuilder)v2).Finally(OperationNames.KeepAsOperationId);
        return app;
    }

    private static void MapVersion(this RouteGroupBuilder app, ApiVersion version)
    {
        app.MapAuthApi();
        app.MapPartnerTokenApi();
        app.MapStoresApi();
        app.MapStaffApi();
        app.MapApiClientsApi();
        app.MapWebhooksApi();
        app.MapConsultantsApi();
        app.MapShowroomRegisterApi(version);
        app.MapProspectsApi();
        app.MapTestDrivesApi();
        app.MapTestDriveBookingsApi();
        app.MapPriceBookApi();
        app.MapDealsApi(version);
        app.MapDealMoneyApi(version);
        app.MapDeliveryApi();
        app.MapSalesNumbersApi();
        app.MapVehiclesApi();
        app.MapShipmentsApi();
        app.MapTransfersApi();
        app.MapStockApi(version);
        app.MapPartsApi(version);
        app.MapPurchaseOrdersApi();
        app.MapSuppliersApi();
        app.MapPartsReportsApi();
        app.MapTasksApi();
        app.MapAfterSaleApi();
        app.MapWorkshopApi();
        app.MapRepairOrdersApi();
        app.MapMaintenanceApi();
        app.MapInsuranceApi();
        app.MapWarrantyApi();
        app.MapRetentionApi();
        app.MapManagersDayApi();
        app.MapPayApi();
        app.MapCommissionStatementsApi();
        app.MapPerformanceApi();
        app.MapKeyAccountsApi();
        app.MapFleetOrdersApi();
        app.MapReceivablesApi();
        app.MapCustomerEventsApi();
        app.MapTargetsApi();
        app.MapDailyReportApi();
        app.MapMonthlyReportsApi();
        app.MapWeeklyReportsApi();
        app.MapOemOrdersApi();
        app.MapEventsApi();
        app.MapDataExportApi();
        app.MapImportsApi();
        app.MapVouchersApi();
    }
}
