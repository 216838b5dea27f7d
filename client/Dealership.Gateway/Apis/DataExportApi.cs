using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Reports;

namespace Dealership.Gateway.Apis;

/// <summary>The data a store or a group owns, whole: a .zip of one CSV per table and a README of their columns, for administrators.</summary>
public static class DataExportApi
{
    public const string Tag = "Data";

    public static IEndpointRouteBuilder MapDataExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stores/{storeId}/export.zip", (string storeId, IClusterClient cluster, HttpContext http, ILoggerFactory logs) =>
                Download(cluster.GetGrain<IDataExportGrain>(GrainKeys.StoreExport(storeId, NewId())), storeId, http, logs))
            .ForStore(RoleSets.Administrators).WithTags(Tag).WithName("ExportStoreData").AnswersFile(ExportArchive.ZipType)
            .WithSummary("Everything the store owns, as one .zip streamed while it is read: a CSV file per table its records live in (its " +
                "customers and prospects, deals and payments, cars and stock ledger, parts and movements, repair orders, tasks, audit trail, " +
                "and the live state of each record), all from one consistent snapshot, with a README.md naming each file's columns. It holds " +
                "personal data as stored, so only an administrator may take it, and each export is written to the audit trail (who, when, " +
                "which store). Password hashes and board tokens are never exported.");
        app.MapGet("/groups/{groupId}/export.zip", (string groupId, IClusterClient cluster, HttpContext http, ILoggerFactory logs) =>
                Download(cluster.GetGrain<IDataExportGrain>(GrainKeys.GroupExport(groupId, NewId())), groupId, http, logs))
            .ForGroup(RoleSets.Administrators).WithTags(Tag).WithName("ExportGroupData").AnswersFile(ExportArchive.ZipType)
            .WithSummary("Everything the group owns (every store's data, its staff, its cars, its transfers and templates) as one .zip, as " +
                "a store's export. Only an administrator of the whole group may take it; it is audited.");
        return app;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static async Task<IResult> Download(IDataExportGrain export, string owner, HttpContext http, ILoggerFactory logs)
    {
        var begun = await export.Begin();
        if (!begun.IsOk)
        {
            return begun.ToResult();
        }

        var name = $"{owner}-export-{begun.Value!.SnapshotAt:yyyyMMdd-HHmmss}.zip";
        return TypedResults.Stream(body => ExportArchive.Write(export, body, http, logs.CreateLogger(typeof(DataExportApi))),
            ExportArchive.ZipType, name);
    }
}
