namespace Dealership.Grains.Common;

/// <summary>
/// The clock the business rules read (due dates, deadlines, days in stock). It is its own service, not Orleans' TimeProvider,
/// so a test can move business time by weeks without driving every runtime timer of the silo through those weeks.
/// Times are whole microseconds, as PostgreSQL keeps them, so an instant reads the same from a grain and from a table row.
/// </summary>
public sealed class BusinessClock(TimeProvider time)
{
    public DateTimeOffset GetUtcNow()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
