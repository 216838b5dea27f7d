using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Tasks;
using Dealership.Grains.Storage;

namespace Dealership.Grains.AfterSale;

/// <summary>A follow-up call's task as its row has it: which try it is, the task's base source and title, its refs.</summary>
internal sealed record CallTaskRow(int Attempt, string BaseSource, string Title, IReadOnlyDictionary<string, string> Refs, bool Done, DateTimeOffset Due);

/// <summary>What the calls after a delivery and after a service visit share: the task's row, the complaint's id, the result line.</summary>
internal static class CallTasks
{
    /// <summary>Calls made to an unreachable customer before the store stops trying.</summary>
    public const int MaxAttempts = 3;

    public static async Task<CallTaskRow?> Find(Database database, string storeId, string taskId, string kind)
    {
        var row = await database.First(
            "SELECT source_id, title, refs::text, status, due FROM tasks WHERE store_id = $1 AND task_id = $2 AND kind = $3",
            r => (Source: r.GetString(0), Title: r.GetString(1), Refs: JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(2)) ?? [],
                Done: r.GetString(3) == nameof(StoreTaskStatus.Done), Due: r.GetFieldValue<DateTimeOffset>(4)),
            storeId, taskId, kind);
        if (row.Refs is null)
        {
            return null;
        }

        var attempt = row.Refs.TryGetValue("attempt", out var a) && int.TryParse(a, CultureInfo.InvariantCulture, out var n) ? n : 1;
        return new CallTaskRow(attempt, row.Source.Split(":attempt-")[0], row.Title.Split(" (call ")[0], row.Refs, row.Done, row.Due);
    }

    /// <summary>The complaint an unhappy call opens: one per call, whatever the retries.</summary>
    public static string ComplaintIdOf(string storeId, string taskId) =>
        "cp" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{storeId}:{taskId}")))[..16];

    /// <summary>The task's result line for the call's outcome; <paramref name="owner"/> answers for the complaint.</summary>
    public static string Result(CallOutcomeDraft draft, int attempt, string? complaintId, string owner) => draft.Outcome switch
    {
        CallOutcome.Satisfied => $"Satisfied{(draft.Note is null ? "" : ": " + draft.Note)}",
        CallOutcome.Unhappy => $"Unhappy: {draft.Reason}; complaint {complaintId} for the {owner}",
        _ => attempt < MaxAttempts
            ? $"Unreachable (call {attempt} of {MaxAttempts}); tried again tomorrow"
            : $"Unreachable after {MaxAttempts} calls; no more tries",
    };
}
