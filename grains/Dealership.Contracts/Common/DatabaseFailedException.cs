namespace Dealership.Contracts.Common;

/// <summary>
/// The database did not do what a grain asked. <see cref="Transient"/> means it could not be reached or gave up (try again
/// later: the gateway answers 503 with Retry-After); otherwise it refused the statement. The driver's own exception stays in
/// the silo's log: it does not travel to clients.
/// </summary>
[GenerateSerializer, Alias("DatabaseFailedException")]
public sealed class DatabaseFailedException : Exception
{
    public DatabaseFailedException()
    {
    }

    public DatabaseFailedException(string message) : base(message)
    {
    }

    public DatabaseFailedException(string message, Exception inner) : base(message, inner)
    {
    }

    public DatabaseFailedException(string message, bool transient) : base(message) => Transient = transient;

    [Id(0)]
    public bool Transient { get; init; }
}
