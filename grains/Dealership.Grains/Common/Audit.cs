using Dealership.Contracts.Staff;

namespace Dealership.Grains.Common;

/// <summary>Who did it, for audit records. Calls between grains and from reminders carry no caller.</summary>
internal static class Audit
{
    public static string Who => Caller.Current?.AuditName ?? "system";
}
