namespace Dealership.Contracts.Common;

/// <summary>
/// Thrown back to a client the silo refused: its caller is unsigned, expired, no longer current or not allowed the method
/// (the user sees 403), or the grain belongs to a store outside the caller's scope (<see cref="OutsideScope"/>: the user sees
/// 404, as for any id of another store).
/// </summary>
[GenerateSerializer, Alias("CallerRefusedException")]
public sealed class CallerRefusedException : Exception
{
    public CallerRefusedException(string message, bool outsideScope) : base(message) => OutsideScope = outsideScope;

    [Id(0)]
    public bool OutsideScope { get; init; }

    public CallerRefusedException()
    {
    }

    public CallerRefusedException(string message) : base(message)
    {
    }

    public CallerRefusedException(string message, Exception inner) : base(message, inner)
    {
    }
}
