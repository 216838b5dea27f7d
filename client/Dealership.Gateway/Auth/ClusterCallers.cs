using System.Collections.Concurrent;
using Dealership.Contracts.Staff;
using Dealership.Trust;

namespace Dealership.Gateway.Auth;

/// <summary>
/// Signs who the gateway's grain calls are made for, with the caller key the silos hold: the signed-in member for a request, or
/// the gateway itself for the work no member's token covers (sign-in, boards, shared feeds, health, demo data), which the silos
/// limit to a listed set of methods. A signature lasts two minutes and is reused for the first of them (silos remember what they
/// verified), so long requests and event streams sign again and most calls cost no signing at all.
/// </summary>
public sealed class ClusterCallers(SigningKeys keys, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, (string Assertion, DateTimeOffset ReuseUntil)> signed = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="caller"/> (at the staff revision their token carries) the caller of calls from this async flow.</summary>
    public void Attach(Caller caller, int revision) => CallerAssertion.Attach(Sign(caller, revision));

    public static void Detach() => CallerAssertion.Attach(null);

    /// <summary>Runs <paramref name="call"/> as the member, then restores whoever was attached before.</summary>
    public Task<T> As<T>(Caller caller, int revision, Func<Task<T>> call) => With(Sign(caller, revision), call);

    /// <summary>Runs <paramref name="call"/> as the gateway itself, never as a user.</summary>
    public Task<T> AsGateway<T>(string purpose, Func<Task<T>> call) => As(Caller.Gateway(purpose), 0, call);

    private string Sign(Caller caller, int revision)
    {
        var now = time.GetUtcNow();
        var key = string.Join('|', caller.Kind, caller.GroupId, caller.StaffId, revision, caller.Role, caller.WholeGroup, caller.DisplayName,
            string.Join(',', caller.StoreIds));
        if (signed.TryGetValue(key, out var known) && known.ReuseUntil > now)
        {
            return known.Assertion;
        }

        if (signed.Count >= Capacity)
        {
            signed.Clear();
        }

        var assertion = CallerAssertion.Sign(caller, revision, now + Lifetime, keys);
        signed[key] = (assertion, now + (Lifetime / 2));
        return assertion;
    }

    private static async Task<T> With<T>(string assertion, Func<Task<T>> call)
    {
        var previous = CallerAssertion.Attached;
        CallerAssertion.Attach(assertion);
        try
        {
            return await call();
        }
        finally
        {
            CallerAssertion.Attach(previous);
        }
    }
}
