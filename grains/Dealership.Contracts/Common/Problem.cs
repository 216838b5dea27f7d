namespace Dealership.Contracts.Common;

/// <summary>Why a command was refused. The gateway turns it into an RFC 9457 ProblemDetails.</summary>
public enum ProblemKind
{
    Invalid = 400,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    Refused = 422,
}

/// <summary>
/// A refusal that crosses the grain boundary as data, not as an exception, so the gateway can answer
/// with the right status and a stable <see cref="Code"/> (e.g. <c>vin-already-reserved</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Problem")]
public sealed record Problem(
    [property: Id(0)] ProblemKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string Detail,
    [property: Id(3)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: Id(4)] IReadOnlyList<DateTimeOffset>? Alternatives = null)
{
    public static Problem Invalid(FieldErrors errors) =>
        new(ProblemKind.Invalid, "invalid-input", "One or more fields are invalid.", errors.ToDictionary());

    public static Problem Invalid(string field, string message) =>
        Invalid(new FieldErrors().Add(field, message));

    public static Problem NotFound(string what) => new(ProblemKind.NotFound, "not-found", $"{what} was not found.");

    public static Problem Conflict(string code, string detail) => new(ProblemKind.Conflict, code, detail);

    public static Problem Refused(string code, string detail) => new(ProblemKind.Refused, code, detail);

    public static Problem Forbidden(string detail) => new(ProblemKind.Forbidden, "forbidden", detail);
}

/// <summary>The result of a command: a value, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("Outcome`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Problem? Problem)
{
    public bool IsOk => Problem is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);
}
