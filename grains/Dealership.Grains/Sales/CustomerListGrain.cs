using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

/// <summary>A store's customers and prospect cards: SQL over the rows each customer writes with its state, filtered by group and store.</summary>
[StatelessWorker]
public sealed class CustomerListGrain(Database database, StoreGroups storeGroups, BusinessClock clock) : Grain, ICustomerListGrain, IScopedGrain
{
    private const string NoDue = "infinity";

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public async Task<Outcome<Page<ProspectSummary>>> Prospects(ProspectFilter filter, PageRequest page)
    {
        if (Roles.Refused("read prospects", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? ["-infinity", ""] : Cursor.Keys(page.After);
        if (after is not [var due, var customer] || (due is not ("-infinity" or NoDue) && !DateTimeOffset.TryParse(due, CultureInfo.InvariantCulture, out _)))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var now = clock.GetUtcNow();
        return await database.Page(
            "SELECT customer_id, name, masked_mobile, consultant_id, grade, prospect_status, model_of_interest, next_follow_up_due, revision " +
            "FROM customers WHERE group_id = $1 AND store_id = $2 AND prospect_status IS NOT NULL " +
            "AND ($3::text IS NULL OR consultant_id = $3) AND ($4::text IS NULL OR prospect_status = $4) " +
            "AND (NOT $5 OR (prospect_status = 'Active' AND next_follow_up_due < $6)) " +
            "AND (coalesce(next_follow_up_due, 'infinity'::timestamptz), customer_id) > ($7::timestamptz, $8::text) " +
            "ORDER BY coalesce(next_follow_up_due, 'infinity'::timestamptz), customer_id",
            r =>
            {
                DateTimeOffset? next = r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7);
                var status = Enum.Parse<ProspectStatus>(r.GetString(5));
                return new ProspectSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Enum.Parse<ProspectGrade>(r.GetString(4)),
                    status, Sql.Text(r, 6), next, status == ProspectStatus.Active && ProspectRules.IsOverdue(next, now), r.GetInt32(8));
            },
            p => Cursor.From(p.NextFollowUpDue is { } d ? Instant(d) : NoDue, p.CustomerId), page,
            await Group(), StoreId, StoreFacts.CallingConsultant() ?? filter.ConsultantId, filter.Status?.ToString(), filter.OverdueOnly, now, due, customer);
    }

    public async Task<Outcome<Page<CustomerSummary>>> Customers(string? search, PageRequest page)
    {
        if (Roles.Refused("read customers", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? [NoDue, "~"] : Cursor.Keys(page.After);
        if (after is not [var seen, var customer] || (seen != NoDue && !DateTimeOffset.TryParse(seen, CultureInfo.InvariantCulture, out _)))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        // A mobile number finds its customer by key (numbers are never stored in the clear); anything else searches names.
        var byMobile = PersonalData.NormaliseMobile(search) is { } mobile ? PersonalData.CustomerId(StoreId, mobile) : null;
        var pattern = byMobile is null && !string.IsNullOrWhiteSpace(search) ? "%" + Like(search.Trim()) + "%" : null;
        return await database.Page(
            "SELECT customer_id, name, masked_mobile, first_seen_at, visits, calls, consultant_id, prospect_status, revision " +
            "FROM customers WHERE group_id = $1 AND store_id = $2 " +
            "AND ($3::text IS NULL OR customer_id = $3) AND ($4::text IS NULL OR name ILIKE $4) AND ($5::text IS NULL OR consultant_id = $5) " +
            "AND (first_seen_at, customer_id) < ($6::timestamptz, $7::text) ORDER BY first_seen_at DESC, customer_id DESC",
            r => new CustomerSummary(r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetInt32(4),
                r.GetInt32(5), Sql.Text(r, 6), r.IsDBNull(7) ? null : Enum.Parse<ProspectStatus>(r.GetString(7)), r.GetInt32(8)),
            c => Cursor.From(Instant(c.FirstSeenAt), c.CustomerId), page,
            await Group(), StoreId, byMobile, pattern, StoreFacts.CallingConsultant(), seen, customer);

    }

    public async Task<IReadOnlyDictionary<string, int>> OverdueByConsultant() =>
        (await database.List(
            "SELECT consultant_id, count(*)::int FROM customers WHERE group_id = $1 AND store_id = $2 AND prospect_status = 'Active' " +
            "AND next_follow_up_due < $3 GROUP BY consultant_id",
            r => (Consultant: r.GetString(0), Count: r.GetInt32(1)), await Group(), StoreId, clock.GetUtcNow()))
            .ToDictionary(c => c.Consultant, c => c.Count, StringComparer.Ordinal);

    public async Task<Outcome<ReassignResult>> ReassignAll(string fromConsultantId, string toConsultantId)
    {
        if (Roles.Refused("reassign prospects", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var open = await database.List(
            "SELECT customer_id FROM customers WHERE group_id = $1 AND store_id = $2 AND consultant_id = $3 " +
            "AND prospect_status IN ('Active', 'LostPending') ORDER BY customer_id",
            r => r.GetString(0), await Group(), StoreId, fromConsultantId);
        var moved = new List<string>();
        foreach (var customerId in open)
        {
            var outcome = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(StoreId, customerId)).Reassign(toConsultantId);
            if (!outcome.IsOk)
            {
                // The first refusal (e.g. the new consultant is not on the floor) stops the run; what moved stays moved.
                return moved.Count == 0 ? outcome.Problem! : new ReassignResult(moved.Count, moved);
            }

            moved.Add(customerId);
        }

        return new ReassignResult(moved.Count, moved);
    }

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? "";

    /// <summary>An instant as PostgreSQL reads it back exactly (UTC, microseconds).</summary>
    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static string Like(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
