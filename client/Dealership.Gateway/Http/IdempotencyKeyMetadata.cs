namespace Dealership.Gateway.Http;

/// <summary>How an endpoint makes a retry with the same <see cref="Idempotency.Header"/> safe.</summary>
public enum KeyedRetry
{
    /// <summary>The command is recorded with the key: for 24 hours a retry is answered from that record.</summary>
    Replayed,

    /// <summary>The id of the record it creates is derived from the key (<see cref="Idempotency.NewRecordId"/>), so a retry finds that record.</summary>
    SameRecord,
}

/// <summary>Endpoint metadata: the handler passes the Idempotency-Key on; the OpenAPI document lists the header and says what a retry does.</summary>
public sealed record HonoursIdempotencyKey(KeyedRetry Retry);

public static class IdempotencyKeyMetadata
{
    /// <summary>Marks a route whose handler reads <see cref="Idempotency.OperationId"/> and carries the key into its command.</summary>
    public static RouteHandlerBuilder HonoursIdempotencyKey(this RouteHandlerBuilder route, KeyedRetry retry = KeyedRetry.Replayed) =>
        route.WithMetadata(new HonoursIdempotencyKey(retry));
}
