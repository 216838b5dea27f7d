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

    public const string StaffKind = "staff";
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
        if (Get(Subject) is not { } staffId || Get(Group) is not { } groupId
            || !Enum.TryParse<StaffRole>(Get(Role), out var role) || role == StaffRole.PlatformOperator
            || !int.TryParse(Get(Revision), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            return null;
        }

        var stores = (Get(Stores) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        return (new Caller(staffId, groupId, role, stores, Get(WholeGroup) == "true", Get(Name) ?? staffId), revision);
    }
}
