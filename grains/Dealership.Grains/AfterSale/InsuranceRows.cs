using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Sales;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.AfterSale;

/// <summary>A policy the store sold, written with the change that sold it (a deal's, a service visit's, a renewal's).</summary>
internal sealed record InsurancePolicyRow(string GroupId, string StoreId, InsurancePolicyView P, string? MaskedMobile) : Row
{
    public const string Columns =
        "p.policy_id, p.vin, p.customer_id, p.customer_name, p.model, p.insurer, p.policy_number, p.kind, p.premium, p.commission, p.starts_on, " +
        "p.expires_on, p.source, p.deal_id, p.renews_policy_id, p.recorded_at, p.recorded_by, " +
        "r.at, r.by, r.outcome, r.insurer, r.reason, r.new_policy_id";

    /// <summary>The policies with their renewal's outcome, for <see cref="Columns"/>.</summary>
    public const string From =
        "FROM insurance_policies p LEFT JOIN insurance_renewals r ON r.store_id = p.store_id AND r.policy_id = p.policy_id";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO insurance_policies (group_id, store_id, policy_id, vin, customer_id, customer_name, masked_mobile, model, insurer, policy_number, " +
        "kind, premium, commission, starts_on, expires_on, source, deal_id, renews_policy_id, recorded_at, recorded_by) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) ON CONFLICT DO NOTHING",
        GroupId, StoreId, P.PolicyId, P.Vin, P.CustomerId, P.CustomerName, MaskedMobile, P.Model, P.Insurer, P.PolicyNumber, P.Kind, P.Premium,
        P.Commission, P.StartsOn, P.ExpiresOn, P.Source, P.DealId, P.RenewsPolicyId, P.RecordedAt, P.RecordedBy);

    public static InsurancePolicyView Read(NpgsqlDataReader r) => new(
        r.GetString(0), Sql.Text(r, 1), r.GetString(2), r.GetString(3), Sql.Text(r, 4), r.GetString(5), r.GetString(6), Enum.Parse<InsuranceKind>(r.GetString(7)),
        r.GetDecimal(8), r.GetDecimal(9), r.GetFieldValue<DateOnly>(10), r.GetFieldValue<DateOnly>(11), Enum.Parse<PolicySource>(r.GetString(12)),
        Sql.Text(r, 13), Sql.Text(r, 14), r.GetFieldValue<DateTimeOffset>(15), r.GetString(16),
        r.IsDBNull(17) ? null : new RenewalRecord(r.GetFieldValue<DateTimeOffset>(17), r.GetString(18), Enum.Parse<RenewalOutcome>(r.GetString(19)),
            Sql.Text(r, 20), Sql.Text(r, 21), Sql.Text(r, 22)));

}

/// <summary>A renewal's outcome: the key (one per policy) makes the first of two callers the only one.</summary>
internal sealed record InsuranceRenewalRow(string GroupId, string StoreId, string PolicyId, RenewalRecord R) : Row
{
    public const string Table = "insurance_renewals";

    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO insurance_renewals (group_id, store_id, policy_id, at, by, outcome, insurer, reason, new_policy_id) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        GroupId, StoreId, PolicyId, R.At, R.By, R.Outcome, R.Insurer, R.Reason, R.NewPolicyId);
}
