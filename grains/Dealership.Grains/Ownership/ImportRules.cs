using System.Text.RegularExpressions;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Parts;

namespace Dealership.Grains.Ownership;

/// <summary>A supplier as its import row gives it.</summary>
public sealed record ImportedSupplier(string Name, string? Contact, string? Phone, string? TaxNumber, string? Address, int? LeadTimeDays,
    int? PaymentDays);

/// <summary>
/// A part as its import row gives it: the part as it would be created (empty cells at their defaults), its demand with month 1
/// (the last whole month) first, whether any month of demand was given at all, and the planning cells the row filled (a part
/// the store has takes only those).
/// </summary>
public sealed record ImportedPart(NewPartsItem Item, IReadOnlyList<int> Demand, bool HasHistory, PlanningGiven Given)
{
    /// <summary>A known part's planning data with this row's filled cells over it.</summary>
    public PartsPlanningData Over(PartsPlanningData kept) => new(Given.Supplier ?? kept.Supplier, Given.LeadTimeDays ?? kept.LeadTimeDays,
        Given.PackSize ?? kept.PackSize, Given.Minimum ?? kept.Minimum, Given.Price ?? kept.Price);
}

/// <summary>The planning cells an import row filled (null: left empty).</summary>
public sealed record PlanningGiven(string? Supplier, int? LeadTimeDays, int? PackSize, int? Minimum, decimal? Price);

/// <summary>A new selling price for a part, from the OEM's price file.</summary>
public sealed record ImportedPrice(string PartNumber, decimal Price);

/// <summary>
/// The checks of each import's rows, as pure functions of the row and what the store knows (its suppliers): the same rules
/// the API applies to one record, with each problem named by its column.
/// </summary>
public static partial class ImportRules
{
    private const int MaxQuantity = 1_000_000;

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{4,23}$", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();

    [GeneratedRegex("^[0-9A-Z]{15,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaxNumber();

    public static (ImportedSupplier? Supplier, IReadOnlyList<ImportProblem> Problems) Supplier(ImportRow row)
    {
        var cells = new ImportCells(row, ImportTemplates.Suppliers);
        var name = cells.Text("name", 80, required: true);
        var contact = cells.Text("contact", 40);
        var phone = cells.Text("phone", 24);
        if (phone is not null && !Phone().IsMatch(phone))
        {
            cells.Problem("phone", "bad-phone", "is not a phone number (digits, spaces, '+' and '-').");
        }

        var tax = cells.Text("taxNumber", 20)?.ToUpperInvariant();
        if (tax is not null && !TaxNumber().IsMatch(tax))
        {
            cells.Problem("taxNumber", "bad-tax-number", "must be 15-20 letters and digits (the unified social credit code).");
        }

        var address = cells.Text("address", 200);
        var lead = cells.Whole("leadTimeDays", 0, 365);
        var payment = cells.Whole("paymentDays", 0, 365);
        return cells.Bad ? (null, cells.Problems) : (new ImportedSupplier(name!, contact, phone, tax, address, lead, payment), []);
    }

    /// <param name="suppliers">The store's suppliers and their usual lead time: a part must name one of them.</param>
    public static (ImportedPart? Part, IReadOnlyList<ImportProblem> Problems) Part(ImportRow row, IReadOnlyDictionary<string, int?> suppliers)
    {
        var cells = new ImportCells(row, ImportTemplates.Parts);
        var number = cells.Text("partNumber", 30, required: true)?.ToUpperInvariant();
        if (number is not null && PartNumbers.Problem(number) is { } problem)
        {
            cells.Problem("partNumber", "bad-part-number", problem);
        }

        var description = cells.Text("description", 120, required: true);
        var bin = cells.Text("bin", 20, required: true);
        var supplier = cells.Text("supplier", 80);
        int? supplierLead = null;
        if (supplier is not null && !suppliers.TryGetValue(supplier, out supplierLead))
        {
            cells.Problem("supplier", "unknown-supplier", $"'{supplier}' is not one of the store's suppliers (import the suppliers first).");
        }

        var pack = cells.Whole("packSize", 1, 10_000);
        var lead = cells.Whole("leadTimeDays", 0, 365);
        var minimum = cells.Whole("minimum", 0, MaxQuantity);
        var cost = cells.Money("cost", PartsPlanningData.MaxAmount);
        var price = cells.Money("price", PartsPlanningData.MaxAmount);
        var onHand = cells.Whole("onHand", 0, MaxQuantity);
        var months = Enumerable.Range(1, ImportTemplates.DemandMonths)
            .Select(m => cells.Whole(ImportTemplates.DemandColumn(m), 0, MaxQuantity)).ToList();
        if (cells.Bad)
        {
            return (null, cells.Problems);
        }

        var item = new NewPartsItem(number!, description!, bin!, onHand ?? 0, supplier, lead ?? supplierLead ?? PartsPlanningData.DefaultLeadTimeDays,
            pack ?? 1, minimum ?? 0, cost ?? 0m, price ?? 0m);
        return (new ImportedPart(item, [.. months.Select(m => m ?? 0)], months.Any(m => m is not null),
            new PlanningGiven(supplier, lead, pack, minimum, price)), []);
    }

    public static (ImportedPrice? Price, IReadOnlyList<ImportProblem> Problems) PartPrice(ImportRow row)
    {
        var cells = new ImportCells(row, ImportTemplates.PartPrices);
        var number = cells.Text("partNumber", 30, required: true)?.ToUpperInvariant();
        if (number is not null && PartNumbers.Problem(number) is { } problem)
        {
            cells.Problem("partNumber", "bad-part-number", problem);
        }

        var price = cells.Money("price", PartsPlanningData.MaxAmount, required: true);
        return cells.Bad ? (null, cells.Problems) : (new ImportedPrice(number!, price!.Value), []);
    }
}
