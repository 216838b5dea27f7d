using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;
using Orleans.Concurrency;

namespace Dealership.Grains.AfterSale;

/// <summary>
/// A store's insurance renewals (续保), all rows: the policies it sold, their renewal tasks as the store's date brings them due
/// (60, 30 and 7 days before expiry), each task's one outcome, and the renewal rate. A policy renewed with us earns the commission
/// at the insurer's rate in the store's books, never a figure the person renewing it states.
/// </summary>
[StatelessWorker]
public sealed class InsuranceDeskGrain(OperationLog operations, Database database, StoreGroups storeGroups, BusinessClock clock)
    : Grain, IInsuranceDeskGrain, IScopedGrain
{
    /// <summary>Days before expiry a renewal comes due, and after it a lapsed one stays on the list.</summary>
    public const int DueDays = 60, LapsedDays = 30;

    private string StoreId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(StoreId), StoreId);

    public static RenewalStage? StageOf(int daysLeft) => daysLeft switch
    {
        < -LapsedDays => null,
        < 0 => RenewalStage.Lapsed,
        <= 7 => RenewalStage.SevenDays,
        <= 30 => RenewalStage.ThirtyDays,
        <= DueDays => RenewalStage.SixtyDays,
        _ => null,
    };

    public async Task<Outcome<Page<RenewalTask>>> Tasks(PageRequest page)
    {
        var store = await Store();
        if (Roles.Refused("work insurance renewals", RoleSets.RenewalWorkers(store.Policies.RenewalDesk)) is { } refused)
        {
            return refused;
        }

        var after = page.After is null ? ["0001-01-01", ""] : Cursor.Keys(page.After);
        if (after is not [var day, var policyId] || !DateOnly.TryParseExact(day, "yyyy-MM-dd", out var afterDay))
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        var today = Today(store);
        return await database.Page(InsuranceSql.Tasks, r =>
            {
                var expires = r.GetFieldValue<DateOnly>(8);
                var daysLeft = expires.DayNumber - today.DayNumber;
                return new RenewalTask(r.GetString(0), Sql.Text(r, 1), r.GetString(2), Sql.Text(r, 3),
                    Sql.Text(r, 4), r.GetString(5), Enum.Parse<InsuranceKind>(r.GetString(6)), r.GetDecimal(7), expires, daysLeft,
                    StageOf(daysLeft)!.Value);
            },
            t => Cursor.From(t.ExpiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), t.PolicyId), page,
            StoreId, today, DueDays, LapsedDays, afterDay, policyId);
    }

    public async Task<Outcome<RenewalCallCard>> CallCard(string policyId)
    {
        var store = await Store();
        if (Roles.Refused("work insurance renewals", RoleSets.RenewalWorkers(store.Policies.RenewalDesk)) is { } refused)
        {
            return refused;
        }

        if (await Policy(policyId) is not { } policy)
        {
            return NotFound(policyId);
        }

        var mobile = await MobileOf(policy.CustomerId) ?? "";
        var consent = await database.Scalar<bool?>(InsuranceSql.Consent, StoreId, policy.CustomerId);
        var daysLeft = policy.ExpiresOn.DayNumber - Today(store).DayNumber;
        return new RenewalCallCard(policy, mobile, consent ?? true, daysLeft, policy.Renewal is null ? StageOf(daysLeft) : null);
    }

    public async Task<Outcome<InsurancePolicyView>> RecordPolicy(NewServicePolicy policy, string? operationId)
    {
        var errors = policy?.Validate() ?? new FieldErrors().Add("vin", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(RecordPolicy), policy);
        if (await operations.Replay<InsurancePolicyView>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("record insurance sold at service", [StaffRole.ServiceAdvisor, .. RoleSets.InsuranceDesk]) is { } refused)
        {
            return refused;
        }

        var store = await Store();
        var customer = await database.First(InsuranceSql.Customer,
            r => (Name: r.GetString(0), Masked: Sql.Text(r, 1) ?? (Sql.Text(r, 2) is { } m ? PersonalData.MaskMobile(m) : null)),
            StoreId, policy!.CustomerId);
        if (customer.Name is not { } name)
        {
            return Problem.Invalid("customerId", "is not a customer of this store.");
        }

        if (Commission(store, policy.Insurer, policy.Kind, policy.Premium) is not { } commission)
        {
            return NotOnBooks(policy.Insurer);
        }

        if (await NumberTaken(policy.Insurer.Trim(), policy.PolicyNumber.Trim()) is { } taken)
        {
            return taken;
        }

        var now = clock.GetUtcNow();
        var model = await database.Scalar<string>(InsuranceSql.ModelOf, await Group(), policy.Vin.ToUpperInvariant());
        var view = new InsurancePolicyView(NewPolicyId(), policy.Vin.ToUpperInvariant(), policy.CustomerId, name, model, policy.Insurer.Trim(),
            policy.PolicyNumber.Trim(), policy.Kind, policy.Premium, commission, policy.StartsOn, policy.ExpiresOn ?? PolicyTerms.DefaultExpiry(policy.StartsOn),
            PolicySource.Service, null, null, now, Audit.Who, null);
        var what = $"{view.Kind} insurance with {view.Insurer}, policy {view.PolicyNumber} for {view.Vin}: premium {view.Premium:0.00}, " +
            $"commission {view.Commission:0.00} at the store's rate, {view.StartsOn:yyyy-MM-dd} to {view.ExpiresOn:yyyy-MM-dd}";
        var group = await Group();
        return await operations.WriteOrReplay(
            [new InsurancePolicyRow(group, StoreId, view, customer.Masked), new AuditRow(group, StoreId, "insurance-policy", view.PolicyId, now, Audit.Who, what)],
            StoreId, operationId, fingerprint, view, "InsurancePolicy") ?? view;
    }

    public async Task<Outcome<InsurancePolicyView>> Renew(string policyId, RenewalDraft draft, string? operationId)
    {
        var errors = draft?.Validate() ?? new FieldErrors().Add("outcome", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Renew), policyId, draft);
        if (await operations.Replay<InsurancePolicyView>(StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        var store = await Store();
        if (Roles.Refused("work insurance renewals", RoleSets.RenewalWorkers(store.Policies.RenewalDesk)) is { } refused)
        {
            return refused;
        }

        if (await Policy(policyId) is not { } policy)
        {
            return NotFound(policyId);
        }

        if (policy.Renewal is { } closed)
        {
            return Closed(policy.PolicyId, closed);
        }

        var now = clock.GetUtcNow();
        var group = await Group();
        var rows = new List<Row>();
        InsurancePolicyView? renewed = null;
        if (draft!.Outcome == RenewalOutcome.RenewedWithUs)
        {
            var insurer = string.IsNullOrWhiteSpace(draft.Insurer) ? policy.Insurer : draft.Insurer.Trim();
            if (Commission(store, insurer, policy.Kind, draft.Premium!.Value) is not { } commission)
            {
                return NotOnBooks(insurer);
            }

            var startsOn = policy.ExpiresOn.AddDays(1);
            var expiresOn = draft.ExpiresOn ?? PolicyTerms.DefaultExpiry(startsOn);
            if (expiresOn <= startsOn || expiresOn > startsOn.AddYears(3))
            {
                return Problem.Invalid("expiresOn", $"must be after the renewed cover starts ({startsOn:yyyy-MM-dd}) and at most three years later.");
            }

            if (await NumberTaken(insurer, draft.PolicyNumber!.Trim()) is { } taken)
            {
                return taken;
            }

            renewed = policy with
            {
                PolicyId = NewPolicyId(),
                Insurer = insurer,
                PolicyNumber = draft.PolicyNumber.Trim(),
                Premium = draft.Premium.Value,
                Commission = commission,
                StartsOn = startsOn,
                ExpiresOn = expiresOn,
                Source = PolicySource.Renewal,
                DealId = null,
                RenewsPolicyId = policy.PolicyId,
                RecordedAt = now,
                RecordedBy = Audit.Who,
                Renewal = null,
            };
            rows.Add(new InsurancePolicyRow(group, StoreId, renewed,
                await database.Scalar<string>("SELECT masked_mobile FROM insurance_policies WHERE store_id = $1 AND policy_id = $2", StoreId, policy.PolicyId)));
        }

        var record = new RenewalRecord(now, Audit.Who, draft.Outcome,
            draft.Outcome switch { RenewalOutcome.RenewedWithUs => renewed!.Insurer, RenewalOutcome.RenewedElsewhere => draft.Insurer!.Trim(), _ => null },
            draft.Reason?.Trim(), renewed?.PolicyId);
        var what = draft.Outcome switch
        {
            RenewalOutcome.RenewedWithUs => $"renewed with us: {renewed!.Insurer} policy {renewed.PolicyNumber}, premium {renewed.Premium:0.00}, " +
                $"commission {renewed.Commission:0.00}, {renewed.StartsOn:yyyy-MM-dd} to {renewed.ExpiresOn:yyyy-MM-dd}",
            RenewalOutcome.RenewedElsewhere => $"renewed elsewhere, with {record.Insurer}",
            _ => $"lost: {record.Reason}",
        };
        rows.Insert(0, new InsuranceRenewalRow(group, StoreId, policy.PolicyId, record));
        rows.Add(new AuditRow(group, StoreId, "insurance-policy", policy.PolicyId, now, Audit.Who, what));
        var result = policy with { Renewal = record };
        try
        {
            return await operations.WriteOrReplay(rows, StoreId, operationId, fingerprint, result, "InsurancePolicy") ?? result;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName == InsuranceRenewalRow.Table)
        {
            // Someone closed it a moment before: theirs stands.
            return await Policy(policyId) is { Renewal: { } theirs } ? Closed(policyId, theirs) : throw new InvalidOperationException(e.Message, e);
        }
    }

    public async Task<Outcome<RenewalRate>> Rate(DateOnly from, DateOnly to)
    {
        if (Roles.Refused("read the renewal rate", RoleSets.RenewalRateReaders) is { } refused)
        {
            return refused;
        }

        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            return Problem.Invalid("to", "must be on or after from, at most a year later.");
        }

        var counts = await database.First(InsuranceSql.Rate, r => (r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetDecimal(4), r.GetDecimal(5)),
            StoreId, from, to);
        var (expiring, withUs, elsewhere, lost, premium, commission) = counts;
        var people = await database.List(InsuranceSql.People, r => new PersonRenewals(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetDecimal(3),
            r.GetDecimal(4), Share(r.GetInt32(2), r.GetInt32(1))), StoreId, from, to, await Zone());
        return new RenewalRate(from, to, expiring, withUs, elsewhere, lost, expiring - withUs - elsewhere - lost, Share(withUs, expiring), premium,
            commission, people);
    }

    private static decimal Share(int part, int whole) => whole == 0 ? 0m : decimal.Round((decimal)part / whole, 4);

    /// <summary>The commission at the insurer's rate in the store's books, or null when the store has no rate for that insurer.</summary>
    public static decimal? Commission(StoreView store, string insurer, InsuranceKind kind, decimal premium) =>
        store.Policies.InsurerRates.FirstOrDefault(r => string.Equals(r.Insurer.Trim(), insurer.Trim(), StringComparison.OrdinalIgnoreCase)) is { } rate
            ? decimal.Round(premium * (kind == InsuranceKind.Compulsory ? rate.CompulsoryRate : rate.CommercialRate), 2, MidpointRounding.AwayFromZero)
            : null;

    private async Task<InsurancePolicyView?> Policy(string policyId) =>
        await database.First($"SELECT {InsurancePolicyRow.Columns} {InsurancePolicyRow.From} WHERE p.store_id = $1 AND p.policy_id = $2",
            InsurancePolicyRow.Read, StoreId, policyId);

    // The customer's number in full, for the call: as the store's customer record or the latest repair order has it.
    private async Task<string?> MobileOf(string customerId) =>
        (await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(StoreId, customerId)).Get()).Value?.Mobile
        ?? await database.Scalar<string>(
            "SELECT mobile FROM repair_orders WHERE store_id = $1 AND customer_id = $2 ORDER BY opened_at DESC LIMIT 1", StoreId, customerId);

    // An insurer's policy number is recorded once at a store, whichever way it was sold.
    private async Task<Problem?> NumberTaken(string insurer, string number) =>
        await database.Scalar<bool>(InsuranceSql.NumberTaken, StoreId, insurer, number)
            ? Problem.Conflict("policy-exists", $"Policy {number} of {insurer} is already recorded at this store.")
            : null;

    private static string NewPolicyId() => "ip" + Guid.NewGuid().ToString("N")[..16];

    private static Problem Closed(string policyId, RenewalRecord closed) => Problem.Conflict("renewal-closed",
        $"The renewal of policy {policyId} was closed {closed.At:yyyy-MM-dd HH:mm} by {closed.By}: {closed.Outcome}.");

    private static Problem NotOnBooks(string insurer) => Problem.Refused("insurer-not-on-books",
        $"The store has no commission rate for {insurer}: the general manager adds the insurer to the store's policies (insurerRates) first.");

    private static Problem NotFound(string policyId) => Problem.NotFound($"Insurance policy {policyId}");

    private DateOnly Today(StoreView store) => StoreFacts.LocalDate(clock.GetUtcNow(), StoreFacts.Zone(store));

    private async Task<StoreView> Store() => await StoreFacts.Store(GrainFactory, StoreId) ?? throw new InvalidOperationException($"Store {StoreId} is unknown.");

    private async Task<string> Zone() => StoreFacts.Zone(await Store()).Id;

    private async Task<string> Group() => await storeGroups.GroupOf(StoreId) ?? throw new InvalidOperationException($"Store {StoreId} has no group.");
}
