using System.Globalization;
using System.Security.Claims;
using Dealership.Contracts.Staff;

namespace Dealership.Gateway.Auth;

/// <summary>How a <see cref="Caller"/> is written into, and read back from, a token's claims.</summary>
public static class StaffClaims
{
    public const string Subject = "sub";
    public const string Group = "grp";
    public const string Role = "role";
    public const string Stores = "stores";
    public const string WholeGroup = "whole";
    public const string Name = "name";
    public const string Revision = "rev";
    public const string Kind = "kind";

    public const string Scope = "scope";

    public const string StaffKind = "staff";
    public const string ClientKind = "client";
    public const string TicketKind = "sse-ticket";
    public const string TicketStore = "store";

    public static IEnumerable<Claim> For(Caller caller, int revision, string kind) =>
    [
        new(Subject, caller.StaffId),
        new(Group, caller.GroupId),
        new(Role, caller.Role.ToString()),
        new(Stores, string.Join(',', caller.StoreIds)),
        new(WholeGroup, caller.WholeGroup ? "true" : "false"),
        new(Name, caller.DisplayName),
        new(Revision, revision.ToString(CultureInfo.InvariantCulture)),
        new(Kind, kind),
    ];

    public static (Caller Caller, int Revision)? Read(ClaimsPrincipal user)
    {
        string? Get(string type) => user.FindFirst(type)?.Value;

        // A partner's token acts as its client, never as an administrator, whatever the token says.
        if (Get(Subject) is not { } staffId || Get(Group) is not { } groupId
            || !Enum.TryParse<StaffRole>(Get(Role), out var role) || role == StaffRole.PlatformOperator
            || (Get(Kind) == ClientKind && role == StaffRole.Administrator)
            || !int.TryParse(Get(Revision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            return null;
        }

        var stores = (Get(Stores) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        var kind = Get(Kind) == ClientKind ? CallerKind.Partner : CallerKind.Staff;
        return (new Caller(staffId, groupId, role, stores, Get(WholeGroup) == "true", Get(Name) ?? staffId, kind), revision);
    }

    /// <summary>The scopes of a partner's token; null for staff, whose role alone says what they may do.</summary>
    public static IReadOnlyList<string>? ScopesOf(ClaimsPrincipal user) =>
        user.FindFirst(Kind)?.Value == ClientKind ? (user.FindFirst(Scope)?.Value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries) : null;
}
