using Orleans.Concurrency;
using Dealership.Contracts.Common;

namespace Dealership.Contracts.Stores;

/// <summary>One store (dealership) of a group: its profile, time zone and policies. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IStoreGrain")]
public interface IStoreGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the store in a group. Refused if the profile or policies are invalid, if the id is already
    /// used by another group, or if the group does not exist. Repeating the same create returns the store.
    /// </summary>
    [Alias("Open")]
    Task<Outcome<StoreView>> Open(string groupId, StoreProfile profile, StorePolicies policies);

    /// <summary>The store, or not-found if it was never opened.</summary>
    [Alias("Get")]
    Task<Outcome<StoreView>> Get();

    /// <summary>Changes name, brand, time zone, address or phone; recorded with who and when.</summary>
    [Alias("UpdateProfile")]
    Task<Outcome<StoreView>> UpdateProfile(StoreProfile profile);

    /// <summary>
    /// Changes the policies the change names (approval limits, VAT, PDI lead time, report time...) and keeps the others;
    /// recorded with who and when.
    /// </summary>
    [Alias("ChangePolicies")]
    Task<Outcome<StoreView>> ChangePolicies(StorePoliciesChange change);

    /// <summary>The group that owns this store, or null if it was never opened. Used for scope checks.</summary>
    /// <remarks>Read-only and asked by other grains' scope checks, so it never waits behind a slow store operation.</remarks>
    [Alias("GetGroupId"), AnyCaller, AlwaysInterleave]
    Task<string?> GetGroupId();

    /// <summary>The store's IANA time zone, or null if it was never opened.</summary>
    [Alias("GetTimeZoneId"), AnyCaller, AlwaysInterleave]
    Task<string?> GetTimeZoneId();

    /// <summary>The audit trail of changes to the profile and policies, newest first, a page at a time.</summary>
    [Alias("GetHistory")]
    Task<Outcome<Page<StoreChange>>> GetHistory(PageRequest page);

    /// <summary>Closes the showroom day now: consultants still on the board are set away. Returns how many were.</summary>
    [Alias("CloseOfDay")]
    Task<int> CloseOfDay();
}

/// <summary>Marks a method any authenticated caller may use, whatever their scope (it reveals nothing private).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnyCallerAttribute : Attribute;
