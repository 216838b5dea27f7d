namespace Dealership.Contracts.Staff;

/// <summary>
/// Who is asking. A client sends it signed (see Dealership.Trust.CallerAssertion); the silo's grain call filter verifies it and
/// puts the verified caller in Orleans' RequestContext for the grains. An empty <see cref="StoreIds"/> with
/// <see cref="WholeGroup"/> means all stores of the group.
/// </summary>
[GenerateSerializer, Immutable, Alias("Caller")]
public sealed record Caller(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] StaffRole Role,
    [property: Id(3)] IReadOnlyList<string> StoreIds,
    [property: Id(4)] bool WholeGroup,
    [property: Id(5)] string DisplayName,
    [property: Id(6)] CallerKind Kind = CallerKind.Staff)
{
    public const string RequestContextKey = "dealership.caller";

    /// <summary>Set by the silo on a call that came straight from a client (not from another grain).</summary>
    public const string DirectKey = "dealership.direct";

    /// <summary>The operator's tooling: any group, every call written to the audit trail; signed with the operator key.</summary>
    public static Caller Platform(string name) => new("platform", "*", StaffRole.PlatformOperator, [], true, name, CallerKind.Operator);

    /// <summary>A gateway's own work (sign-in, boards, feeds, health, demo data): only the grain methods listed for gateways.</summary>
    public static Caller Gateway(string purpose) => new("gateway", "*", StaffRole.PlatformOperator, [], true, $"gateway {purpose}", CallerKind.Gateway);

    public bool IsPlatform => Role == StaffRole.PlatformOperator;

    public bool CoversGroup(string groupId) => IsPlatform || string.Equals(GroupId, groupId, StringComparison.Ordinal);

    public bool CoversStore(string groupId, string storeId) =>
        IsPlatform || (CoversGroup(groupId) && (WholeGroup || StoreIds.Contains(storeId, StringComparer.Ordinal)));

    /// <summary>How this caller is named in audit records: "staff id (display name)".</summary>
    public string AuditName => $"{StaffId} ({DisplayName})";

    /// <summary>The verified caller of the call a grain is serving (set by the silo's filter, never taken from a client).</summary>
    public static Caller? Current => RequestContext.Get(RequestContextKey) as Caller;

    /// <summary>True while a grain serves a call a client made directly; false inside a grain-to-grain call or a reminder.</summary>
    public static bool IsDirect => RequestContext.Get(DirectKey) is true;

    /// <summary>Records whether the call being served came straight from a client (the silo's call filter does this).</summary>
    public static void MarkDirect(bool direct)
    {
        if (direct)
        {
            RequestContext.Set(DirectKey, true);
        }
        else
        {
            RequestContext.Remove(DirectKey);
        }
    }

    /// <summary>Sets the verified caller for the grain call being served and the calls it makes (the silo's filter does this).</summary>
    public static void Set(Caller? caller)
    {
        if (caller is null)
        {
            RequestContext.Remove(RequestContextKey);
        }
        else
        {
            RequestContext.Set(RequestContextKey, caller);
        }
    }
}

/// <summary>
/// What kind of caller signed a call: a member of staff, a gateway doing its own work, the operator's tooling, or a partner
/// system's API client (its <see cref="Caller.StaffId"/> is the client id; it acts in the role and stores it was registered with).
/// </summary>
public enum CallerKind
{
    Staff = 0,
    Gateway = 1,
    Operator = 2,
    Partner = 3,
}
