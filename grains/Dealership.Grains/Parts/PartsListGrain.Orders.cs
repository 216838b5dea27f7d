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
        IReadOnlyList<string> unpriced = [];
        if (lines is null)
        {
            var review = await Review(toOrderOnly: true, new PageRequest(int.MaxValue, null));
            if (!review.IsOk)
            {
                return review.Problem!;
            }

            var suggested = review.Value!.Items.Where(l => l.SuggestedQuantity > 0).ToList();
            unpriced = [.. suggested.Where(l => l.AverageCost <= 0).Select(l => l.PartNumber)];
            wanted = [.. suggested.Select(l => (new OrderLineDraft(l.PartNumber, l.SuggestedQuantity), l.Supplier))];
        }
        else
        {
            var books = (await database.List(
                "SELECT part_number, supplier, average_cost FROM parts_items WHERE store_id = $1 AND part_number = ANY($2)",
                r => (PartNumber: r.GetString(0), Supplier: r.IsDBNull(1) ? null : r.GetString(1), Cost: r.GetDecimal(2)), StoreId,
                lines.Select(l => l.PartNumber).ToArray())).ToDictionary(p => p.PartNumber);

            // Every line is checked before any draft is written, each refusal naming the line as the request has it.
            var lineErrors = new FieldErrors();
            for (var i = 0; i < lines.Count; i++)
            {
                if (!books.TryGetValue(lines[i].PartNumber, out var book))
                {
                    lineErrors.Add($"lines[{i}].partNumber", $"{lines[i].PartNumber} is not a part of this store.");
                }
                else if (lines[i].UnitCost is null && book.Cost <= 0)
                {
                    lineErrors.Add($"lines[{i}].unitCost", $"is required: {lines[i].PartNumber} has no cost in the books yet.");
                }
            }

            if (lineErrors.Any)
            {
                return Problem.Invalid(lineErrors);
            }

            wanted = [.. lines.Select(l => (l, books[l.PartNumber].Supplier))];
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

        // Checked before any draft is written: a request drafts all of its orders or none.
        if (unpriced.Count > 0)
        {
            return Problem.Refused("no-cost", "These parts have no cost in the books yet, so their order lines cannot be priced; order them with " +
                $"the supplier's unit cost: {string.Join(", ", unpriced.Take(20))}.");
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
