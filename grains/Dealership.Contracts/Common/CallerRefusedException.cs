namespace Dealership.Contracts.Common;

/// <summary>Thrown back to a client whose caller is missing or out of scope.</summary>
[GenerateSerializer, Alias("CallerRefusedException")]
public sealed class CallerRefusedException : Exception
{
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
