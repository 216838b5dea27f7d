using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.Partners;

/// <summary>A client's line on the group's list of API clients (never the secret), rewritten with every change of the client.</summary>
internal sealed record ApiClientRow(ApiClientView Client) : Row
{
    public const string Columns = "client_id, group_id, name, role, store_ids, whole_group, scopes, created_at, created_by, secret_issued_at, " +
        "previous_secret_until, last_token_at, revoked_at, revoked_by, revision";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        $"INSERT INTO api_clients ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) " +
        "ON CONFLICT (group_id, client_id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, store_ids = EXCLUDED.store_ids, " +
        "whole_group = EXCLUDED.whole_group, scopes = EXCLUDED.scopes, secret_issued_at = EXCLUDED.secret_issued_at, " +
        "previous_secret_until = EXCLUDED.previous_secret_until, last_token_at = EXCLUDED.last_token_at, revoked_at = EXCLUDED.revoked_at, " +
        "revoked_by = EXCLUDED.revoked_by, revision = EXCLUDED.revision",
        Client.ClientId, Client.GroupId, Client.Name, Client.Role, Client.StoreIds.ToArray(), Client.WholeGroup, Client.Scopes.ToArray(),
        Client.CreatedAt, Client.CreatedBy, Client.SecretIssuedAt, Client.PreviousSecretUntil, Client.LastTokenAt, Client.RevokedAt,
        Client.RevokedBy, Client.Revision);

    public static ApiClientView Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<StaffRole>(r.GetString(3)), r.GetFieldValue<string[]>(4), r.GetBoolean(5),
        r.GetFieldValue<string[]>(6), r.GetFieldValue<DateTimeOffset>(7), r.GetString(8), r.GetFieldValue<DateTimeOffset>(9),
        r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11),
        r.IsDBNull(12) ? null : r.GetFieldValue<DateTimeOffset>(12), r.IsDBNull(13) ? null : r.GetString(13), r.GetInt32(14));
}
