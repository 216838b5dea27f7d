using System.Text.Json;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Partners;

/// <summary>
/// An event for partners' webhooks, written to the outbox in the same transaction as the change that causes it, so it is never
/// invented and never lost. Its store sequence is taken from the store's counter row in that transaction: the row stays locked
/// until the commit, so a store's events commit in sequence order and a dispatcher reading "after the last one I saw" can never
/// skip one that commits late (what ids from a database sequence would allow). <see cref="Personal"/> holds what names a person
/// (a customer's name and mobile): it goes only to subscriptions allowed personal data.
/// </summary>
internal sealed record PartnerEventRow(string GroupId, string StoreId, Guid EventId, string Type, string Subject, DateTimeOffset At,
    string Data, string? Personal) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "WITH n AS (INSERT INTO store_event_sequences (store_id, group_id, last_seq) VALUES ($2, $1, 1) " +
        "ON CONFLICT (store_id) DO UPDATE SET last_seq = store_event_sequences.last_seq + 1 RETURNING last_seq) " +
        "INSERT INTO partner_events (group_id, store_id, seq, event_id, type, subject, occurred_at, data, personal) " +
        "SELECT $1, $2, n.last_seq, $3, $4, $5, $6, $7::jsonb, $8::jsonb FROM n",
        GroupId, StoreId, EventId, Type, Subject, At, Data, Personal);
}

/// <summary>How a grain adds an event for partners to the rows of its change.</summary>
internal static class PartnerEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An event of <paramref name="type"/> about <paramref name="subject"/>; <paramref name="personal"/> only where a person is named.</summary>
    public static PartnerEventRow Of(string groupId, string storeId, string type, string subject, DateTimeOffset at, object data, object? personal = null) =>
        new(groupId, storeId, Guid.NewGuid(), type, subject, at, JsonSerializer.Serialize(data, Json),
            personal is null ? null : JsonSerializer.Serialize(personal, Json));
}
