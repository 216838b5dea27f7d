using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Dealership.Gateway.Auth;

/// <summary>
/// Whether a staff member's (or an API client's) tokens are still good. A token carries the staff revision it was issued at;
/// disabling or reassigning someone bumps the revision, so their old tokens stop working within the cache period.
/// </summary>
public sealed class StaffStandingCache(IClusterClient cluster, IMemoryCache cache, IOptions<AuthSettings> settings, ClusterCallers callers)
{
    public async ValueTask<bool> IsCurrent(Caller caller, int revision)
    {
        var key = (caller.Kind == CallerKind.Partner ? "client-standing" : "standing", caller.GroupId, caller.StaffId);
        if (!cache.TryGetValue(key, out StaffStanding? standing) || standing is null)
        {
            var grainKey = GrainKeys.InGroup(caller.GroupId, caller.StaffId);
            standing = await callers.AsGateway("standing", () => caller.Kind == CallerKind.Partner
                ? cluster.GetGrain<IApiClientGrain>(grainKey).GetStanding()
                : cluster.GetGrain<IStaffGrain>(grainKey).GetStanding());
            cache.Set(key, standing, TimeSpan.FromSeconds(settings.Value.StandingCacheSeconds));
        }

        return standing.Active && standing.Revision == revision;
    }

    /// <summary>Forgets what is known of a member, after a change made through this gateway.</summary>
    public void Forget(string groupId, string staffId) => cache.Remove(("standing", groupId, staffId));

    /// <summary>Forgets what is known of an API client, after it was revoked through this gateway.</summary>
    public void ForgetClient(string groupId, string clientId) => cache.Remove(("client-standing", groupId, clientId));
}
