using Dealership.Gateway.Http;

namespace Dealership.Gateway.OpenApi;

/// <summary>Endpoint metadata: the refusals (409 or 422) an operation can answer, each with its stable <c>code</c>.</summary>
public sealed record Refusals(int Status, IReadOnlyList<string> Codes);

/// <summary>Endpoint metadata: the operation creates a resource and answers 201 with its <c>Location</c>.</summary>
public sealed record CreatesResource;

/// <summary>Endpoint metadata: a path segment is a value checked like input (a month), so a bad one is a 400 naming it.</summary>
public sealed record ValidatesPath;

/// <summary>
/// What an operation answers, for the OpenAPI document: handlers return <see cref="IResult"/> (a value or a ProblemDetails), so
/// the value's type is named here. <see cref="ResponsesTransformer"/> adds the refusals every operation shares.
/// </summary>
public static class ResponseMetadata
{
    /// <summary>200 with <typeparamref name="T"/>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route) => route.Produces<T>(StatusCodes.Status200OK);

    /// <summary>201 with <typeparamref name="T"/> and its <c>Location</c>.</summary>
    public static RouteHandlerBuilder Creates<T>(this RouteHandlerBuilder route) =>
        route.Produces<T>(StatusCodes.Status201Created).WithMetadata(new CreatesResource());

    /// <summary>
    /// A create that version 1 answered with 200 and the record it belongs to (<typeparamref name="TV1"/>), and version 2
    /// answers as every create: 201 with the created <typeparamref name="TV2"/> and its <c>Location</c>.
    /// </summary>
    public static RouteHandlerBuilder AnswersOrCreates<TV1, TV2>(this RouteHandlerBuilder route, ApiVersion version) =>
        version == ApiVersion.V1 ? route.Answers<TV1>() : route.Creates<TV2>();

    /// <summary>200 with a file of one of <paramref name="mediaTypes"/> (as the request's Accept or format chooses).</summary>
    public static RouteHandlerBuilder AnswersFile(this RouteHandlerBuilder route, params string[] mediaTypes) =>
        route.Produces(StatusCodes.Status200OK, typeof(Stream), mediaTypes[0], mediaTypes[1..]);

    /// <summary>400 when a path segment that is a value (a month, yyyy-MM) does not read or has not begun.</summary>
    public static RouteHandlerBuilder ValidatesPath(this RouteHandlerBuilder route) => route.WithMetadata(new ValidatesPath());

    /// <summary>409 Conflict: the resource's state or another record stands in the way; each code says which.</summary>
    public static RouteHandlerBuilder Conflicts(this RouteHandlerBuilder route, params string[] codes) =>
        route.WithMetadata(new Refusals(StatusCodes.Status409Conflict, codes));

    /// <summary>422: the request is well formed but a business rule refuses it; each code says which.</summary>
    public static RouteHandlerBuilder Refuses(this RouteHandlerBuilder route, params string[] codes) =>
        route.WithMetadata(new Refusals(StatusCodes.Status422UnprocessableEntity, codes));
}
