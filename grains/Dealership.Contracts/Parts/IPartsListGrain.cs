using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>A store's parts, read with SQL from the row each part writes with its own state. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IPartsListGrain")]
public interface IPartsListGrain : IGrainWithStringKey
{
    /// <summary>The parts by part number, optionally those whose number or description contains <paramref name="search"/>, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<PartsItemView>>> List(string? search, PageRequest page);

    /// <summary>
    /// The parts review over every part of the store, by part number a page at a time (only the parts to order, or below
    /// their reorder point, when <paramref name="toOrderOnly"/>): one query for the store's demand, the arithmetic in memory.
    /// </summary>
    [Alias("Review")]
    Task<Outcome<PartsPlanningReview>> Review(bool toOrderOnly, PageRequest page);

    /// <summary>
    /// Purchase order drafts, one per supplier (of the parts' planning data), from the planner's edited list or, without one,
    /// from every suggestion of today's review. <paramref name="seed"/> names the request: the same seed drafts the same orders.
    /// </summary>
    [Alias("DraftOrders")]
    Task<Outcome<IReadOnlyList<PurchaseOrderView>>> DraftOrders(IReadOnlyList<OrderLineDraft>? lines, string seed);

    /// <summary>The department's numbers today: stock value, fill rate over <paramref name="days"/>, turn, dead stock, parts to order.</summary>
    [Alias("Numbers")]
    Task<Outcome<PartsNumbers>> Numbers(int days);
}
