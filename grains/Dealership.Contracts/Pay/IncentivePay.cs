using Dealership.Contracts.Common;

namespace Dealership.Contracts.Pay;

/// <summary>A plan version as kept: the plan, and who set it when.</summary>
[GenerateSerializer, Immutable, Alias("IncentivePlanVersion")]
public sealed record IncentivePlanVersion(
    [property: Id(0)] IncentivePlan Plan,
    [property: Id(1)] DateTimeOffset SetAt,
    [property: Id(2)] string SetBy);

/// <summary>A consultant's month under the plans.</summary>
[GenerateSerializer, Immutable, Alias("ConsultantPay")]
public sealed record ConsultantPay(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] CommissionMonth Pay);

/// <summary>What last month would have paid each consultant under a draft plan, beside what the plans in force paid.</summary>
[GenerateSerializer, Immutable, Alias("PayPreview")]
public sealed record PayPreview(
    [property: Id(0)] string Month,
    [property: Id(1)] IReadOnlyList<ConsultantPay> InForce,
    [property: Id(2)] IReadOnlyList<ConsultantPay> Draft);

/// <summary>
/// A store's incentive plans and its consultants' pay under them, computed from the month's retail sales (their gross profit and
/// add-on income as the sales recorded them) and the consultants' targets. Key: <see cref="GrainKeys.Store"/>.
/// </summary>
[Alias("ICommissionGrain")]
public interface ICommissionGrain : IGrainWithStringKey
{
    [Alias("Plans")]
    Task<Outcome<IReadOnlyList<IncentivePlanVersion>>> Plans();

    /// <summary>Keep a plan version, in force from its day (this month or later: a month already paid keeps its plan).</summary>
    [Alias("SetPlan")]
    Task<Outcome<IncentivePlanVersion>> SetPlan(IncentivePlan plan, string? operationId);

    /// <summary>Last month as the plans in force paid it, and as <paramref name="draft"/> would have.</summary>
    [Alias("Preview")]
    Task<Outcome<PayPreview>> Preview(IncentivePlan draft);

    /// <summary>A consultant's statement for a month (the month so far while it runs; as kept once approved): the consultant sees only their own; managers anyone's.</summary>
    [Alias("Pay")]
    Task<Outcome<ConsultantStatement>> Pay(string consultantId, DateOnly month);
}
