using System.Globalization;

namespace Dealership.Contracts.Common;

/// <summary>
/// Every grain key in the product is built here. Each key carries a '/' so that Orleans' storage
/// never reads it as a number (an all-hex key such as "cafe" would be), and so that the owning
/// store or group can be read back from the key.
/// </summary>
public static class GrainKeys
{
    public static string Group(string groupId) => $"group/{groupId}";

    public static string Store(string storeId) => $"store/{storeId}";

    /// <summary>Key of a grain that lives inside one store, e.g. a consultant: "{store}/{id}".</summary>
    public static string InStore(string storeId, string id) => $"{storeId}/{id}";

    /// <summary>Key of a grain that lives inside one group, e.g. a vehicle: "{group}/{VIN}".</summary>
    public static string InGroup(string groupId, string id) => $"{groupId}/{id}";

    private const string RegisterPrefix = "register-", OemOrderPrefix = "oem-order-", WeeklyPrefix = "weekly-", CommissionPrefix = "commission-";
    private const string StoreExportPrefix = "store-export-", GroupExportPrefix = "group-export-";

    /// <summary>A store's showroom register (来店来电登记) of one local day.</summary>
    public static string ShowroomRegister(string storeId, DateOnly day) =>
        InStore(storeId, RegisterPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The day of a showroom register from the id part of its key, or null if it is not one.</summary>
    public static DateOnly? RegisterDay(string id) =>
        id.StartsWith(RegisterPrefix, StringComparison.Ordinal)
        && DateOnly.TryParseExact(id[RegisterPrefix.Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day : null;

    /// <summary>A store's vehicle order to the OEM for one month ("yyyy-MM").</summary>
    public static string OemOrder(string storeId, string month) => InStore(storeId, OemOrderPrefix + month);

    /// <summary>The month ("yyyy-MM") of an OEM order from the id part of its key.</summary>
    public static string OemOrderMonth(string id) => id[OemOrderPrefix.Length..];

    /// <summary>A store's month ("yyyy-MM") of commission statements.</summary>
    public static string CommissionMonth(string storeId, string month) => InStore(storeId, CommissionPrefix + month);

    /// <summary>The month ("yyyy-MM") of a store's commission statements from the id part of its key.</summary>
    public static string CommissionMonthOf(string id) => id[CommissionPrefix.Length..];

    /// <summary>A store's weekly report for the week whose deadline falls on <paramref name="week"/> ("yyyy-MM-dd", local).</summary>
    public static string WeeklyReport(string storeId, string week) => InStore(storeId, WeeklyPrefix + week);

    /// <summary>The week ("yyyy-MM-dd", the local deadline) of a weekly report from the id part of its key.</summary>
    public static string WeeklyReportWeek(string id) => id[WeeklyPrefix.Length..];

    /// <summary>One full export of a store's data ("{store}/store-export-{id}").</summary>
    public static string StoreExport(string storeId, string exportId) => InStore(storeId, StoreExportPrefix + exportId);

    /// <summary>One full export of a group's data ("{group}/group-export-{id}").</summary>
    public static string GroupExport(string groupId, string exportId) => InGroup(groupId, GroupExportPrefix + exportId);

    /// <summary>Whether the id part of a key names a group's export (else a store's).</summary>
    public static bool IsGroupExport(string id) => id.StartsWith(GroupExportPrefix, StringComparison.Ordinal);

    /// <summary>The cluster-wide claim of a username.</summary>
    public static string Login(string username) => $"login/{username}";

    /// <summary>Which group an API client id belongs to (a token request names only the client), kept apart from usernames.</summary>
    public static string ApiClientLogin(string clientId) => $"api-client/{clientId}";

    /// <summary>Splits "{owner}/{id}" (or "store/{id}") into its two parts.</summary>
    public static (string Owner, string Id) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == key.Length - 1)
        {
            throw new ArgumentException($"Grain key '{key}' is not of the form owner/id.", nameof(key));
        }

        return (key[..slash], key[(slash + 1)..]);
    }
}
