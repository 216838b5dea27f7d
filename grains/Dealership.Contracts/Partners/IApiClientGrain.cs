using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Orleans.Concurrency;

namespace Dealership.Contracts.Partners;

/// <summary>One partner system's API client of a group. Key: <see cref="GrainKeys.InGroup"/>(group, client id).</summary>
[Alias("IApiClientGrain")]
public interface IApiClientGrain : IGrainWithStringKey
{
    /// <summary>Registers the client (a group administrator) and answers its secret, shown this once.</summary>
    [Alias("Register")]
    Task<Outcome<ApiClientSecret>> Register(NewApiClient client);

    [Alias("Get")]
    Task<Outcome<ApiClientView>> Get();

    /// <summary>A new secret, shown once; the old one keeps working for <c>RotationOverlap</c> so the partner can switch over.</summary>
    [Alias("RotateSecret")]
    Task<Outcome<ApiClientSecret>> RotateSecret();

    /// <summary>Ends the client: no more tokens, and the ones it holds are refused.</summary>
    [Alias("Revoke")]
    Task<Outcome<ApiClientView>> Revoke();

    /// <summary>The gateway's token endpoint: checks the secret and the scopes asked for (all the client's if none).</summary>
    [Alias("Authenticate")]
    Task<Outcome<ApiClientGrant>> Authenticate(string secret, IReadOnlyList<string>? scopes);

    /// <summary>Whether the client's tokens still hold (not revoked), and at which revision. Interleaves: silos ask it while admitting calls.</summary>
    [Alias("GetStanding"), Stores.AnyCaller, AlwaysInterleave]
    Task<StaffStanding> GetStanding();
}

/// <summary>A group's API clients: SQL over their rows, by name.</summary>
[Alias("IApiClientListGrain")]
public interface IApiClientListGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<Outcome<Page<ApiClientView>>> List(PageRequest page);
}
