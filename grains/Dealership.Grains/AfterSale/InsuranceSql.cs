namespace Dealership.Grains.AfterSale;

/// <summary>The insurance desk's queries over the policies and their renewals.</summary>
internal static class InsuranceSql
{
    /// <summary>
    /// Open renewals, soonest expiry first: policies expiring within $3 days of the store's date ($2) or lapsed fewer than $4 days
    /// ago, with no outcome, whose customer has not opted out of marketing contact; after the cursor ($5, $6).
    /// </summary>
    public const string Tasks = """
        SELECT p.policy_id, COALESCE(p.vin, d.vin), p.customer_name, COALESCE(c.masked_mobile, p.masked_mobile), p.model, p.insurer, p.kind,
               p.premium, p.expires_on
          FROM insurance_policies p
          LEFT JOIN deals d ON d.store_id = p.store_id AND d.deal_id = p.deal_id
          LEFT JOIN customers c ON c.store_id = p.store_id AND c.customer_id = p.customer_id
         WHERE p.store_id = $1
           AND p.expires_on BETWEEN $2::date - $4::int AND $2::date + $3::int
           AND NOT EXISTS (SELECT 1 FROM insurance_renewals r WHERE r.store_id = p.store_id AND r.policy_id = p.policy_id)
           AND COALESCE((SELECT k.marketing FROM customer_consents k WHERE k.store_id = p.store_id AND k.customer_id = p.customer_id
                          ORDER BY k.at DESC LIMIT 1), true)
           AND (p.expires_on, p.policy_id) > ($5::date, $6::text)
         ORDER BY p.expires_on, p.policy_id
        """;

    /// <summary>The customer as the store knows them ($1 store, $2 customer): name, masked mobile, or the latest repair order's mobile.</summary>
    public const string Customer = """
        (SELECT name, masked_mobile, NULL::text FROM customers WHERE store_id = $1 AND customer_id = $2)
        UNION ALL
        (SELECT customer_name, NULL::text, mobile FROM repair_orders WHERE store_id = $1 AND customer_id = $2 ORDER BY opened_at DESC LIMIT 1)
        LIMIT 1
        """;

    /// <summary>Whether the store already recorded this insurer's policy number ($1 store, $2 insurer, $3 number).</summary>
    public const string NumberTaken =
        "SELECT EXISTS (SELECT 1 FROM insurance_policies WHERE store_id = $1 AND lower(insurer) = lower($2) AND lower(policy_number) = lower($3))";

    /// <summary>The car's model as the group's stock knew it ($1 group, $2 VIN).</summary>
    public const string ModelOf = "SELECT model FROM vehicles WHERE group_id = $1 AND vin = $2";

    /// <summary>The customer's latest consent to marketing contact ($1 store, $2 customer).</summary>
    public const string Consent = "SELECT marketing FROM customer_consents WHERE store_id = $1 AND customer_id = $2 ORDER BY at DESC LIMIT 1";

    /// <summary>The policies expiring in the period ($2..$3) and what became of them; the premium and commission renewed with us.</summary>
    public const string Rate = """
        SELECT count(*)::int,
               (count(*) FILTER (WHERE r.outcome = 'RenewedWithUs'))::int,
               (count(*) FILTER (WHERE r.outcome = 'RenewedElsewhere'))::int,
               (count(*) FILTER (WHERE r.outcome = 'Lost'))::int,
               COALESCE(sum(n.premium), 0), COALESCE(sum(n.commission), 0)
          FROM insurance_policies p
          LEFT JOIN insurance_renewals r ON r.store_id = p.store_id AND r.policy_id = p.policy_id
          LEFT JOIN insurance_policies n ON n.store_id = r.store_id AND n.policy_id = r.new_policy_id
         WHERE p.store_id = $1 AND p.expires_on BETWEEN $2 AND $3
        """;

    /// <summary>Each person's renewals closed in the period (store dates $2..$3 in zone $4), best first.</summary>
    public const string People = """
        SELECT r.by, count(*)::int, (count(*) FILTER (WHERE r.outcome = 'RenewedWithUs'))::int, COALESCE(sum(n.premium), 0),
               COALESCE(sum(n.commission), 0)
          FROM insurance_renewals r
          LEFT JOIN insurance_policies n ON n.store_id = r.store_id AND n.policy_id = r.new_policy_id
         WHERE r.store_id = $1 AND (r.at AT TIME ZONE $4)::date BETWEEN $2 AND $3
         GROUP BY r.by
         ORDER BY 3 DESC, 1
        """;
}
