using Dealership.Contracts.Common;

namespace Dealership.Gateway.Http;

/// <summary>Turns grain outcomes into HTTP answers: the value, or an RFC 9457 ProblemDetails with a stable code.</summary>
public static class Problems
{
    public static IResult ToResult<T>(this Outcome<T> outcome, Func<T, IResult>? onOk = null) =>
        outcome.Problem is { } problem ? ToResult(problem) : (onOk ?? (v => TypedResults.Ok(v)))(outcome.Value!);

    public static IResult ToResult(Problem problem)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = problem.Code };
        if (problem.Kind == ProblemKind.Invalid && problem.Errors is { } errors)
        {
            return TypedResults.ValidationProblem(errors, problem.Detail, title: "Invalid input", extensions: extensions);
        }

        if (problem.Errors is { } reasons)
        {
            // A refusal of many parts at once (e.g. every line of a shipment) names each part's reason.
            extensions["errors"] = reasons;
        }

        if (problem.Alternatives is { } alternatives)
        {
            // What the caller may choose instead (a full slot's nearest slots with room).
            extensions["alternatives"] = alternatives;
        }

        return TypedResults.Problem(problem.Detail, statusCode: (int)problem.Kind, title: Title(problem.Kind), extensions: extensions);
    }

    /// <summary>A 400 naming one field, for checks the gateway makes before any grain is called.</summary>
    public static IResult Invalid(FieldErrors errors) => ToResult(Problem.Invalid(errors));

    public static IResult Invalid(string field, string message) => ToResult(Problem.Invalid(field, message));

    private static string Title(ProblemKind kind) => kind switch
    {
        ProblemKind.Forbidden => "Forbidden",
        ProblemKind.NotFound => "Not found",
        ProblemKind.Conflict => "Conflict",
        ProblemKind.Refused => "Refused",
        _ => "Invalid input",
    };
}
