using Dealership.Contracts.Common;
using Npgsql;
using Orleans.Serialization;

namespace Dealership.Gateway.Http;

/// <summary>
/// Whether a failure is the database being out of reach: the request may succeed later, so the caller gets 503 with
/// Retry-After rather than a 500. The silos turn the driver's errors into <see cref="DatabaseFailedException"/> on the calls
/// they can; a grain whose state could not be read fails its activation with the driver's own error, which crosses to the
/// gateway as itself or, where it cannot be rebuilt, as Orleans' fallback naming its type, possibly wrapped.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DatabaseFailedException failed:
                    return failed.Transient;
                case NpgsqlException driver:
                    return driver.IsTransient;
                case UnavailableExceptionFallbackException fallback when fallback.ExceptionType?.StartsWith("Npgsql.", StringComparison.Ordinal) == true:
                    return true;
                case AggregateException { InnerExceptions.Count: 1 } aggregate:
                    return Is(aggregate.InnerExceptions[0]);
            }
        }

        return false;
    }
}
