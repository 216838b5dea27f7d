using System.Collections.Concurrent;
using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Trust;

/// <summary>
/// Whether a staff member's (or an API client's) signed callers still hold: active, and at the revision the token was issued at (a role or store
/// change bumps it). Each silo asks the member's grain at most once per cache period, so a member disabled at the gateway is
/// refused here within the same period. A caller signed at a newer revision than the one known proves the knowledge stale (the
/// member signed in again after a change), so it is looked up again at once.
/// </summary>
public sealed class StaffStandings(IGrainFactory grains, TimeProvider time, CallerVerification verification)
{
    private readonly ConcurrentDictionary<(CallerKind Kind, string GroupId, string StaffId), (StaffStanding Standing, DateTimeOffset Until)> known = new();

    public async ValueTask<bool> IsCurrent(Caller caller, int revision)
    {
        var key = (caller.Kind, caller.GroupId, caller.StaffId);
        var now = time.GetUtcNow();
        if (!known.TryGetValue(key, out var entry) || entry.Until <= now || entry.Standing.Revision < revision)
        {
            var grainKey = GrainKeys.InGroup(caller.GroupId, caller.StaffId);
            var standing = caller.Kind == CallerKind.Partner
                ? await grains.GetGrain<IApiClientGrain>(grainKey).GetStanding()
                : await grains.GetGrain<IStaffGrain>(grainKey).GetStanding();
            entry = (standing, now + verification.StandingCache);
            known[key] = entry;
        }

        return entry.Standing.Active && entry.Standing.Revision == revision;
    }
}
