using Dealership.Contracts.Common;

namespace Dealership.Contracts.Staff;

/// <summary>
/// The staff of a group, read with SQL from the row each member writes with its own state. Key: <see cref="GrainKeys.Group"/>.
/// A caller who works in some stores sees the staff of those stores.
/// </summary>
[Alias("IStaffListGrain")]
public interface IStaffListGrain : IGrainWithStringKey
{
    /// <summary>The group's staff by username, optionally only those who work in one store, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<StaffView>>> List(string? storeId, PageRequest page);
}
