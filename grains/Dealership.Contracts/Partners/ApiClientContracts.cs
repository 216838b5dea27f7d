using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;

namespace Dealership.Contracts.Partners;

/// <summary>
/// What a group administrator registers for a partner system (an OEM portal, a lender, the group's data warehouse): a name, the
/// role it acts as (never an administrator), the stores it may reach, and its scopes.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewApiClient")]
public sealed record NewApiClient(
    [property: Id(0)] string Name,
    [property: Id(1)] StaffRole Role,
    [property: Id(2)] IReadOnlyList<string> StoreIds,
    [property: Id(3)] bool WholeGroup,
    [property: Id(4)] IReadOnlyList<string> Scopes)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("name", Name, 80);
        StaffAssignment.ValidateInto(errors, Role, StoreIds, WholeGroup);
        if (Role == StaffRole.Administrator)
        {
            errors.Add("role", "an API client never administers: staff, API clients and the group's settings are people's work.");
        }

        if (Scopes is not { Count: > 0 })
        {
            errors.Add("scopes", "must name at least one scope, as area:read or area:write.");
        }
        else if (Scopes.Count > PartnerScopes.MaxScopes)
        {
            errors.Add("scopes", $"may list at most {PartnerScopes.MaxScopes} scopes.");
        }
        else
        {
            for (var i = 0; i < Scopes.Count; i++)
            {
                if (!PartnerScopes.IsScope(Scopes[i]))
                {
                    errors.Add($"scopes[{i}]", $"'{Scopes[i]}' is not a scope: area:read or area:write, an area being one of {string.Join(", ", PartnerScopes.Areas)}.");
                }
            }
        }

        return errors;
    }
}

/// <summary>
/// An API client as administrators see it; never its secret. <see cref="PreviousSecretUntil"/>: after a rotation the old secret
/// still works until then, so the partner can deploy the new one. A revoked client gets no tokens and its tokens are refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("ApiClientView")]
public sealed record ApiClientView(
    [property: Id(0)] string ClientId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] string Name,
    [property: Id(3)] StaffRole Role,
    [property: Id(4)] IReadOnlyList<string> StoreIds,
    [property: Id(5)] bool WholeGroup,
    [property: Id(6)] IReadOnlyList<string> Scopes,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] DateTimeOffset SecretIssuedAt,
    [property: Id(10)] DateTimeOffset? PreviousSecretUntil,
    [property: Id(11)] DateTimeOffset? LastTokenAt,
    [property: Id(12)] DateTimeOffset? RevokedAt,
    [property: Id(13)] string? RevokedBy,
    [property: Id(14)] int Revision);

/// <summary>A client's secret, shown once: at registration and at each rotation. Only its hash is kept.</summary>
[GenerateSerializer, Immutable, Alias("ApiClientSecret")]
public sealed record ApiClientSecret([property: Id(0)] string ClientId, [property: Id(1)] string ClientSecret, [property: Id(2)] ApiClientView Client);

/// <summary>What a checked client secret grants: the caller the client's tokens act as, at which revision, with which scopes.</summary>
[GenerateSerializer, Immutable, Alias("ApiClientGrant")]
public sealed record ApiClientGrant([property: Id(0)] Caller Caller, [property: Id(1)] int Revision, [property: Id(2)] IReadOnlyList<string> Scopes);
