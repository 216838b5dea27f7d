using Dealership.Contracts.AfterSale;
using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.AfterSale;
using Dealership.Grains.Common;

namespace Dealership.Grains.Sales;

/// <summary>What is sold after the contract (签订合同后推销装饰、保险): accessories that go on the invoice, and insurance policies.</summary>
public sealed partial class DealGrain
{
    /// <summary>Policies one deal records at most (compulsory cover, commercial cover, and renewals of a mistake).</summary>
    public const int MaxPolicies = 5;

    public async Task<Outcome<DealView>> AddAccessories(AddOnAccessories addOn, string? operationId)
    {
        var errors = addOn?.Validate() ?? new FieldErrors().Add("accessories", "must list 1-20 accessories.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(AddAccessories), operationId, [addOn], RoleSets.SalesFloor, "sell accessories", async now =>
        {
            var s = state.State;
            if (s.Status != DealStatus.Signed)
            {
                return Problem.Conflict("illegal-transition", s.Status is DealStatus.Invoiced or DealStatus.Delivered
                    ? "The deal is invoiced: accessories sold now are a new sale."
                    : $"Accessories are added after the contract is signed (before that, revise the terms); this deal is {s.Status}.");
            }

            var lines = addOn!.Accessories!;
            if ((Terms.Accessories?.Count ?? 0) + lines.Count > 50)
            {
                return Problem.Invalid("accessories", "would take the deal past 50 accessories.");
            }

            var before = Figures;
            s.Terms = Terms with { Accessories = [.. Terms.Accessories ?? [], .. lines] };
            var sold = lines.Where(a => !a.Free).Sum(a => a.Price);
            var given = lines.Where(a => a.Free).Sum(a => a.Cost);
            var approval = await ApprovalAfterChange(now, before, "the accessories added", "accessories added after signing");
            return $"after signing: {string.Join(", ", lines.Select(a => a.Free ? $"{a.Name} (free)" : $"{a.Name} {a.Price:0.00}"))}" +
                $" — {sold:0.00} more to pay{(given > 0 ? $", {given:0.00} given away" : "")}{approval}";
        });
    }

    public async Task<Outcome<DealView>> RecordInsurance(NewInsurancePolicy policy, string? operationId)
    {
        var errors = policy?.Validate() ?? new FieldErrors().Add("insurer", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        return await Command(nameof(RecordInsurance), operationId, [policy], RoleSets.InsuranceDesk, "record insurance policies", async now =>
        {
            var s = state.State;
            if (s.Status is not (DealStatus.Signed or DealStatus.Invoiced))
            {
                return Problem.Conflict("illegal-transition", $"Insurance is recorded on a signed or invoiced deal; this one is {s.Status}.");
            }

            if (s.Insurance.Any(p => string.Equals(p.Policy.PolicyNumber, policy!.PolicyNumber, StringComparison.OrdinalIgnoreCase)))
            {
                return Problem.Conflict("policy-exists", $"Policy {policy!.PolicyNumber} is already recorded on this deal.");
            }

            if (s.Insurance.Count >= MaxPolicies)
            {
                return Problem.Conflict("too-many-policies", $"A deal records at most {MaxPolicies} policies.");
            }

            var before = Figures;
            var startsOn = policy!.StartsOn ?? StoreFacts.LocalDate(now, StoreFacts.Zone(await StoreFacts.Store(GrainFactory, Key.StoreId)));
            if (policy.ExpiresOn is { } expiry && (expiry <= startsOn || expiry > startsOn.AddYears(3)))
            {
                return Problem.Invalid("expiresOn", $"must be after the day cover starts ({startsOn:yyyy-MM-dd}) and at most three years later.");
            }

            policy = policy with { StartsOn = startsOn, ExpiresOn = policy.ExpiresOn ?? PolicyTerms.DefaultExpiry(startsOn) };
            s.Insurance.Add(new InsurancePolicyRecord(policy, now, Audit.Who));
            // The policy joins the store's renewals: it comes up 60 days before it expires.
            s.Pending.Add(new InsurancePolicyRow(groupId, Key.StoreId, new InsurancePolicyView(
                $"{Key.DealId}-{s.Insurance.Count}", s.Vin, s.CustomerId!, s.CustomerName, Terms.Model, policy.Insurer.Trim(), policy.PolicyNumber.Trim(),
                policy.Kind, policy.Premium, policy.Commission, startsOn, policy.ExpiresOn.Value, PolicySource.Sale, Key.DealId, null, now, Audit.Who, null),
                null));
            // The policies' actual commissions replace the estimate quoted with the deal.
            s.Terms = Terms with { InsuranceCommission = s.Insurance.Sum(p => p.Policy.Commission) };
            var what = $"{policy.Kind} insurance with {policy.Insurer}, policy {policy.PolicyNumber}: premium {policy.Premium:0.00}, commission " +
                $"{policy.Commission:0.00}, {startsOn:yyyy-MM-dd} to {policy.ExpiresOn:yyyy-MM-dd}";
            if (s.Status == DealStatus.Invoiced)
            {
                // The invoice was counted at its gross profit; the deal shows the actual figure from now on.
                return $"{what}; gross profit {before.GrossProfit:0.00} → {Figures.GrossProfit:0.00} (the retail sale keeps the invoice's figure)";
            }

            return what + await ApprovalAfterChange(now, before, "the insurance recorded", "the insurance commission recorded");
        });
    }
}
