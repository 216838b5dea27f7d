using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Common;

/// <summary>In-grain checks of the caller against a store named in a command (not only the grain's key).</summary>
internal static class Scope
{
    /// <summary>A problem if the caller of this request may not act in <paramref name="storeId"/> of <paramref name="groupId"/>.</summary>
    public static Problem? Check(string groupId, string storeId) =>
        Caller.Current is { } caller && !caller.CoversStore(groupId, storeId)
            ? Problem.NotFound($"Store '{storeId}'")
            : null;
}
