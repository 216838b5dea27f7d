using Dealership.Contracts.Partners;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Partners;

/// <summary>A subscription's line on the group's list (never its secret), rewritten with every change of it.</summary>
internal sealed record WebhookSubscriptionRow(WebhookSubscriptionView View, string? ClientId) : Row
{
    public const string Columns = "subscription_id, group_id, url, event_types, store_ids, whole_group, personal_data, status, paused_reason, " +
        "created_at, created_by, last_number, delivered_through, failed_attempts, next_attempt_at, last_error, secret_issued_at, previous_secret_until, client_id";

    public override NpgsqlBatchCommand ToCommand()
    {
        var v = View;
        return Sql.Command(
            $"INSERT INTO webhook_subscriptions ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) " +
            "ON CONFLICT (group_id, subscription_id) DO UPDATE SET status = EXCLUDED.status, paused_reason = EXCLUDED.paused_reason, " +
            "last_number = EXCLUDED.last_number, delivered_through = EXCLUDED.delivered_through, failed_attempts = EXCLUDED.failed_attempts, " +
            "next_attempt_at = EXCLUDED.next_attempt_at, last_error = EXCLUDED.last_error, secret_issued_at = EXCLUDED.secret_issued_at, " +
            "previous_secret_until = EXCLUDED.previous_secret_until",
            v.SubscriptionId, v.GroupId, v.Url, v.EventTypes.ToArray(), v.StoreIds.ToArray(), v.WholeGroup, v.PersonalData, v.Status, v.PausedReason,
            v.CreatedAt, v.CreatedBy, v.LastNumber, v.DeliveredThrough, v.FailedAttempts, v.NextAttemptAt, v.LastError, v.SecretIssuedAt,
            v.PreviousSecretUntil, ClientId);
    }

    public static (WebhookSubscriptionView View, string? ClientId) Read(NpgsqlDataReader r) => (new WebhookSubscriptionView(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<string[]>(3), r.GetFieldValue<string[]>(4), r.GetBoolean(5), r.GetBoolean(6),
        Enum.Parse<WebhookStatus>(r.GetString(7)), Sql.Text(r, 8), r.GetFieldValue<DateTimeOffset>(9), r.GetString(10), r.GetInt64(11), r.GetInt64(12),
        r.GetInt32(13), r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14), Sql.Text(r, 15), r.GetFieldValue<DateTimeOffset>(16),
        r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17)), Sql.Text(r, 18));
}

/// <summary>An event taken by a subscription under its next number, to be delivered.</summary>
internal sealed record DeliveryQueuedRow(string SubscriptionId, string GroupId, long Number, Guid EventId, string StoreId, long Sequence, string Type,
    DateTimeOffset At) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO webhook_deliveries (subscription_id, number, group_id, event_id, store_id, seq, type, occurred_at, status, attempts) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Pending', 0)",
        SubscriptionId, Number, GroupId, EventId, StoreId, Sequence, Type, At);
}

/// <summary>One try of a delivery: accepted (delivered) or not, with the endpoint's status or the error.</summary>
internal sealed record DeliveryAttemptRow(string SubscriptionId, long Number, bool Delivered, DateTimeOffset At, int? Status, string? Error) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $3, last_status = $4, last_error = $5, " +
        "status = CASE WHEN $6 THEN 'Delivered' ELSE status END, delivered_at = CASE WHEN $6 THEN $3 ELSE delivered_at END " +
        "WHERE subscription_id = $1 AND number = $2",
        SubscriptionId, Number, At, Status, Error, Delivered);
}

/// <summary>A replay: the deliveries from a number on are due again.</summary>
internal sealed record DeliveriesReplayedRow(string SubscriptionId, long From) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "UPDATE webhook_deliveries SET status = 'Pending', delivered_at = NULL WHERE subscription_id = $1 AND number >= $2", SubscriptionId, From);
}

/// <summary>How deliveries are read back.</summary>
internal static class WebhookDeliveries
{
    public const string Columns = "number, event_id, type, store_id, seq, occurred_at, status, attempts, last_attempt_at, last_status, last_error, delivered_at";

    public static WebhookDelivery Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetFieldValue<DateTimeOffset>(5),
        Enum.Parse<WebhookDeliveryStatus>(r.GetString(6)), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8),
        r.IsDBNull(9) ? null : r.GetInt32(9), Sql.Text(r, 10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11));
}
