namespace Dealership.Contracts.Staff;

/// <summary>
/// Who is asking: travels with every client call in Orleans' RequestContext and is checked by the
/// grain call filter. An empty <see cref="StoreIds"/> with <see cref="WholeGroup"/> means all stores of the group.
/// </summary>
[GenerateSerializer, Immutable, Alias("Caller")]
public sealed record Caller(
    [property: Id(0)] string StaffId,
    [property: Id(1)] string GroupId,
    [property: Id(2)] StaffRole Role,
    [property: Id(3)] IReadOnlyList<string> StoreIds,
    [property: Id(4)] bool WholeGroup,
    [property: Id(5)] string DisplayName)
{
    public const string RequestContextKey = "dealership.caller";

    /// <summary>Set by the silo on a call that came straight from a client (not from another grain).</summary>
    public const string DirectKey = "dealership.direct";

    /// <summary>The caller used by the operator's tooling; trusted for any group.</summary>
    public static Caller Platform(string name) => new("platform", "*", StaffRole.PlatformOperator, [], true, name);

    public bool IsPlatform => Role == StaffRole.PlatformOperator;

    public bool CoversGroup(string groupId) => IsPlatform || string.Equals(GroupId, groupId, StringComparison.Ordinal);

    public bool CoversStore(string groupId, string storeId) =>
        IsPlatform || (CoversGroup(groupId) && (WholeGroup || StoreIds.Contains(storeId, StringComparer.Ordinal)));

    /// <summary>How this caller is named in audit records: "staff id (display name)".</summary>
    public string AuditName => $"{StaffId} ({DisplayName})";

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

    /// <summary>Sets the caller for calls made from this async flow.</summary>
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
