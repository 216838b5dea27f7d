using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>
/// One purchase order of a store's parts department, from draft to closed; receiving a delivery against it moves the parts
/// into stock and opens a claim for every discrepancy. Key: <see cref="GrainKeys.InStore"/>(store, order id).
/// </summary>
[Alias("IPurchaseOrderGrain")]
public interface IPurchaseOrderGrain : IGrainWithStringKey
{
    /// <summary>A draft for one supplier; each line's part must be in the store's catalogue (its unit cost from the books unless given).</summary>
    [Alias("Draft")]
    Task<Outcome<PurchaseOrderView>> Draft(NewPurchaseOrder order);

    /// <summary>Group HQ requires an order of the store: a draft the store's planner is given as a task to complete.</summary>
    [Alias("Require")]
    Task<Outcome<PurchaseOrderView>> Require(NewPurchaseOrder order);

    [Alias("Get")]
    Task<Outcome<PurchaseOrderView>> Get();

    /// <summary>Replaces the lines of a draft.</summary>
    [Alias("ReviseLines")]
    Task<Outcome<PurchaseOrderView>> ReviseLines(IReadOnlyList<OrderLineDraft> lines, string? operationId);

    [Alias("Approve")]
    Task<Outcome<PurchaseOrderView>> Approve(string? operationId);

    /// <summary>Sent to the supplier (by their portal, e-mail or fax), with their order reference if they gave one.</summary>
    [Alias("MarkSent")]
    Task<Outcome<PurchaseOrderView>> MarkSent(string? supplierReference, string? operationId);

    /// <summary>A delivery counted at the dock: accepted units go into stock at the order's cost, every discrepancy is claimed.</summary>
    [Alias("Receive")]
    Task<Outcome<PartsReceipt>> Receive(NewPartsReceipt receipt, string? operationId);

    [Alias("GetReceipt")]
    Task<Outcome<PartsReceipt>> GetReceipt(int number);

    /// <summary>Nothing more is expected: what was not delivered is no longer on order.</summary>
    [Alias("Close")]
    Task<Outcome<PurchaseOrderView>> Close(string reason, string? operationId);

    /// <summary>Called off before anything was received.</summary>
    [Alias("Cancel")]
    Task<Outcome<PurchaseOrderView>> Cancel(string reason, string? operationId);

    /// <summary>The supplier settled a claim: credited, replaced (the units stay on order) or withdrawn.</summary>
    [Alias("ResolveClaim")]
    Task<Outcome<SupplierClaim>> ResolveClaim(string claimId, ClaimResolution resolution, string? operationId);
}

/// <summary>A store's purchase orders and supplier claims, read with SQL. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IPurchaseOrderListGrain")]
public interface IPurchaseOrderListGrain : IGrainWithStringKey
{
    /// <summary>Newest first, optionally in one status or of one supplier, a page at a time.</summary>
    [Alias("List")]
    Task<Outcome<Page<PurchaseOrderSummary>>> List(PurchaseOrderStatus? status, string? supplier, PageRequest page);

    /// <summary>Claims on suppliers, newest first, optionally in one status, a page at a time.</summary>
    [Alias("Claims")]
    Task<Outcome<Page<SupplierClaim>>> Claims(ClaimStatus? status, PageRequest page);
}
