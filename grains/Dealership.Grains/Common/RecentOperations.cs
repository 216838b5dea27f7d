using System.Text.Json;
using Dealership.Contracts.Common;

namespace Dealership.Grains.Common;

/// <summary>
/// The operation ids (Idempotency-Keys) a grain has recently carried out, with their results. It lives
/// in the grain's own state and is written in the same WriteStateAsync as the change, so a retried
/// command is answered from here and does its work once. Only successes are kept: a refusal changed
/// nothing, so evaluating it again is safe.
/// </summary>
public sealed class RecentOperations
{
    public const int Capacity = 64;

    public List<OperationRecord> Items { get; set; } = [];

    /// <summary>
    /// The remembered result of <paramref name="operationId"/>, if any. The same id with a different request
    /// is refused: a client reused a key, and silently returning the old answer would hide its mistake.
    /// </summary>
    public bool TryReplay<T>(string? operationId, string fingerprint, out Outcome<T> result)
    {
        result = default!;
        if (operationId is null || Items.Find(i => i.Id == operationId) is not { } record)
        {
            return false;
        }

        result = record.Fingerprint == fingerprint
            ? JsonSerializer.Deserialize<T>(record.ResultJson)!
            : (Outcome<T>)Problem.Conflict("idempotency-key-reused", "This Idempotency-Key was already used for a different request.");
        return true;
    }

    public void Remember<T>(string? operationId, string fingerprint, T result, DateTimeOffset at)
    {
        if (operationId is null)
        {
            return;
        }

        Items.Add(new OperationRecord(operationId, fingerprint, JsonSerializer.Serialize(result), at));
        if (Items.Count > Capacity)
        {
            Items.RemoveRange(0, Items.Count - Capacity);
        }
    }

    /// <summary>A stable description of a request, to tell a retry from a different request under the same key.</summary>
    public static string Fingerprint(string operation, params object?[] arguments) =>
        operation + ":" + JsonSerializer.Serialize(arguments);
}

public sealed record OperationRecord(string Id, string Fingerprint, string ResultJson, DateTimeOffset At);
