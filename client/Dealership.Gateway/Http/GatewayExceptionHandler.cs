using System.Text.Json;
using Dealership.Contracts.Common;
using Microsoft.AspNetCore.Diagnostics;
using Orleans.Storage;

namespace Dealership.Gateway.Http;

/// <summary>
/// Every exception becomes a ProblemDetails without internals: malformed JSON is a 400 naming the field,
/// a grain refusing an out-of-scope caller a 404, a timeout or the database out of reach a 503 (outcome unknown: retry
/// with the same Idempotency-Key), anything else a 500 with a trace id to quote to support.
/// </summary>
public sealed class GatewayExceptionHandler(IProblemDetailsService problems, ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail, code, errors) = Classify(exception);
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // Expected while the database or a silo is away: one line each, not a stack trace.
            logger.LogWarning("Request {Method} {Path} answered 503: {Exception}: {Message}", http.Request.Method, http.Request.Path,
                exception.GetType().Name, exception.Message);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Request {Method} {Path} failed", http.Request.Method, http.Request.Path);
        }
        else if (exception is CallerRefusedException)
        {
            logger.LogWarning("Grain refused caller on {Path}: {Message}", http.Request.Path, exception.Message);
        }

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            // The cluster is busy or failing over: a client waits this long before its retry (with the same Idempotency-Key).
            http.Response.Headers.RetryAfter = "5";
        }

        var details = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail };
        details.Extensions["code"] = code;
        if (errors is not null)
        {
            details.Extensions["errors"] = errors;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = details, Exception = exception });
    }

    private static (int, string, string, string, Dictionary<string, string[]>?) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } =>
            (400, "Invalid input", "The request body is not valid JSON for this request.", "invalid-input",
                new() { [FieldName(json.Path)] = [Clean(json.Message)] }),
        BadHttpRequestException bad when bad.StatusCode == 413 =>
            (413, "Request too large", "The request body is too large.", "too-large", null),
        BadHttpRequestException bad =>
            (400, "Invalid input", Clean(bad.Message), "invalid-input", new() { [FieldFromMessage(bad.Message)] = [Clean(bad.Message)] }),
        CallerRefusedException { OutsideScope: true } => (404, "Not found", "Not found.", "not-found", null),
        CallerRefusedException => (403, "Forbidden", "The system refused this call for your account.", "forbidden", null),
        _ when DatabaseOutage.Is(exception) =>
            (503, "Try again", "The database is not reachable just now; the outcome is unknown. Retry with the same Idempotency-Key.", "unavailable", null),
        // The record changed under the request (its grain met a newer version and was reloaded): a retry meets the stored state.
        InconsistentStateException =>
            (503, "Try again", "The record changed while this request was handled; the outcome is unknown. Retry with the same Idempotency-Key.", "unavailable", null),
        TimeoutException or OrleansMessageRejectionException or SiloUnavailableException =>
            (503, "Try again", "The system did not answer in time; the outcome is unknown. Retry with the same Idempotency-Key.", "unavailable", null),
        _ => (500, "Server error", "Something went wrong on our side; it has been logged.", "server-error", null),
    };

    /// <summary>"$.policies.vatRate" → "policies.vatRate"; the root → "body".</summary>
    private static string FieldName(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    /// <summary>Binding messages name the parameter in quotes ("... parameter \"Type status\" ..."); its last word is the field.</summary>
    private static string FieldFromMessage(string message)
    {
        var start = message.IndexOf('"', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
        return end > start + 1 ? message[(start + 1)..end].Split(' ')[^1] : "body";
    }

    /// <summary>Framework messages quote .NET type names and paths; a caller needs only what was wrong.</summary>
    private static string Clean(string message)
    {
        if (message.Contains("could not be converted", StringComparison.Ordinal) || message.StartsWith("Failed to bind parameter", StringComparison.Ordinal))
        {
            return "has the wrong type or an unknown value.";
        }

        if (message.StartsWith("Required parameter", StringComparison.Ordinal) || message.Contains("body was not provided", StringComparison.Ordinal))
        {
            return "is required.";
        }

        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
