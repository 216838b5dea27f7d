using Dealership.Contracts.Common;
using Npgsql;

namespace Dealership.Grains.Storage;

/// <summary>
/// The driver's error as callers may see it. Its own exception cannot cross a silo's wire (Orleans has no codec for it: the
/// caller would get a serialization failure, a 500) and carries internals; callers learn only whether to retry.
/// </summary>
public static class DatabaseFailure
{
    public static DatabaseFailedException From(NpgsqlException e) =>
        new(e.IsTransient ? "The database is not reachable just now." : "The database refused the change.", e.IsTransient);

    /// <summary>Runs <paramref name="work"/>; the database out of reach becomes <see cref="DatabaseFailedException"/>, refusals stay as they are.</summary>
    public static async Task OutOfReachAsFailure(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (NpgsqlException e) when (e.IsTransient)
        {
            throw From(e);
        }
    }
}
