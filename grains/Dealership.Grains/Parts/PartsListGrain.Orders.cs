using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;

namespace Dealership.Grains.Parts;

/// <summary>The planner's suggestion list turned into purchase order drafts, one per supplier.</summary>
public sealed partial class PartsListGrain
{
    public async Task<Outcome<IReadOnlyList<PurchaseOrderView>>> DraftOrders(IReadOnlyList<OrderLineDraft>? lines, string seed)
    {
        if (lines is not null && NewPurchaseOrder.CheckLines(new FieldErrors(), lines) is { Any: true } errors)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("draft purchase orders", RoleSets.PartsKeepers) is { } refused)
        {
            return refused;
        }

        // The planner's edited list, or else every suggestion of today's review.
        IReadOnlyList<(OrderLineDraft Line, string? Supplier)> wanted;
        if (lines is null)
        {
            var review = await Review(toOrderOnly: true, new PageRequest(int.MaxValue, null));
            if (!review.IsOk)
            {
                return review.Problem!;
            }

            wanted = [.. review.Value!.Items.Where(l => l.SuggestedQuantity > 0).Select(l => (new OrderLineDraft(l.PartNumber, l.SuggestedQuantity), l.Supplier))];
        }
        else
        {
            var suppliers = (await database.List(
                "SELECT part_number, supplier FROM parts_items WHERE store_id = $1 AND part_number = ANY($2)",
                r => (PartNumber: r.GetString(0), Supplier: r.IsDBNull(1) ? null : r.GetString(1)), StoreId, lines.Select(l => l.PartNumber).ToArray()))
                .ToDictionary(p => p.PartNumber, p => p.Supplier);
            var unknown = lines.Select((l, i) => (l, i)).Where(x => !suppliers.ContainsKey(x.l.PartNumber)).ToList();
            if (unknown.Count > 0)
            {
                var notParts = new FieldErrors();
                unknown.ForEach(x => notParts.Add($"lines[{x.i}].partNumber", $"{x.l.PartNumber} is not a part of this store."));
                return Problem.Invalid(notParts);
            }

            wanted = [.. lines.Select(l => (l, suppliers[l.PartNumber]))];
        }

        if (wanted.Count == 0)
        {
            return Problem.Refused("nothing-to-order", "Today's review suggests nothing to order.");
        }

        if (wanted.Where(w => w.Supplier is null).Select(w => w.Line.PartNumber).ToList() is { Count: > 0 } orphans)
        {
            return Problem.Refused("no-supplier",
                $"These parts have no supplier in their planning data, so no order can be drafted for them: {string.Join(", ", orphans.Take(20))}.");
        }

        var drafts = new List<PurchaseOrderView>();
        foreach (var group in wanted.GroupBy(w => w.Supplier!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var chunk in group.Chunk(NewPurchaseOrder.MaxLines).Select((c, i) => (Lines: c, Index: i)))
            {
                // One order per supplier (and per 500 lines), its id made from the request's seed: a retried request drafts nothing twice.
                var id = "po" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{group.Key}|{chunk.Index}")))[..16];
                var order = GrainFactory.GetGrain<IPurchaseOrderGrain>(GrainKeys.InStore(StoreId, id));
                var drafted = await order.Draft(new NewPurchaseOrder(group.Key, [.. chunk.Lines.Select(w => w.Line)], "From the parts review"));
                if (!drafted.IsOk)
                {
                    return drafted.Problem!;
                }

                drafts.Add(drafted.Value!);
            }
        }

        return drafts;
    }
}
