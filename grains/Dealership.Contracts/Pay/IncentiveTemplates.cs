using Dealership.Contracts.Common;

namespace Dealership.Contracts.Pay;

/// <summary>A group template as HQ keeps it (by its plan's name): the plan, who set it when.</summary>
[GenerateSerializer, Immutable, Alias("IncentiveTemplate")]
public sealed record IncentiveTemplate(
    [property: Id(0)] IncentivePlan Plan,
    [property: Id(1)] DateTimeOffset SetAt,
    [property: Id(2)] string SetBy);

/// <summary>
/// A store's plan in force today as HQ reads it: the version's name and day, the template it was adopted from (null: the store's
/// own), and the parts where it differs from that template now (perUnit, grossProfitShare, …; empty when it follows it exactly).
/// </summary>
[GenerateSerializer, Immutable, Alias("StoreAdoption")]
public sealed record StoreAdoption(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string? PlanInForce,
    [property: Id(2)] DateOnly? InForceFrom,
    [property: Id(3)] string? Template,
    [property: Id(4)] IReadOnlyList<string> LocalChanges);

/// <summary>The group's templates and each store's adoption of them.</summary>
[GenerateSerializer, Immutable, Alias("IncentiveTemplates")]
public sealed record IncentiveTemplates(
    [property: Id(0)] string GroupId,
    [property: Id(1)] IReadOnlyList<IncentiveTemplate> Templates,
    [property: Id(2)] IReadOnlyList<StoreAdoption> Stores);

/// <summary>A dealer group's incentive plan templates (key: <see cref="GrainKeys.Group"/>).</summary>
[Alias("IIncentiveTemplatesGrain")]
public interface IIncentiveTemplatesGrain : IGrainWithStringKey
{
    /// <summary>The templates, with every store's adoption (HQ) — or the templates alone (a store's managers, adopting one).</summary>
    [Alias("Get")]
    Task<Outcome<IncentiveTemplates>> Get();

    /// <summary>HQ keeps a template under its plan's name (the same name again replaces it).</summary>
    [Alias("Set")]
    Task<Outcome<IncentiveTemplate>> Set(IncentivePlan plan, string? operationId);

    /// <summary>The template of that name, or null: what a store's version adopted from it is checked against.</summary>
    [Alias("Find"), ForGrainsOnly]
    Task<IncentivePlan?> Find(string name);
}
