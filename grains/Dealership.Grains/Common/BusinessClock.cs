namespace Dealership.Grains.Common;

/// <summary>
/// The clock the business rules read (due dates, deadlines, days in stock). It is its own service, not Orleans' TimeProvider,
/// so a test can move business time by weeks without driving every runtime timer of the silo through those weeks.
/// </summary>
public sealed class BusinessClock(TimeProvider time)
{
    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}
