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
