using Dealership.Contracts.Ownership;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Ownership;

/// <summary>
/// Suppliers from an import: a name the store does not know is added; a known one takes the row's filled cells (an empty cell
/// leaves what the store has); one the file gives exactly as kept is left alone. A batch is one statement.
/// </summary>
internal sealed class SupplierImporter : Importer<ImportedSupplier>
{
    public override string? Key(ImportRow row) => ImportCells.Clean(row.Cells.Count > 0 ? row.Cells[0] : null);

    protected override (ImportedSupplier? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) => ImportRules.Supplier(row);

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedSupplier> rows)
    {
        var kept = (await context.Database.List(
                "SELECT name, contact, phone, tax_number, address, lead_time_days, payment_days FROM suppliers WHERE store_id = $1 AND name = ANY($2)",
                r => new ImportedSupplier(r.GetString(0), Sql.Text(r, 1), Sql.Text(r, 2), Sql.Text(r, 3), Sql.Text(r, 4),
                    r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt32(6)),
                context.StoreId, rows.Select(s => s.Name).ToArray()))
            .ToDictionary(s => s.Name, StringComparer.Ordinal);
        return rows.ToDictionary(s => s.Name, s => !kept.TryGetValue(s.Name, out var k) ? ImportOutcome.Added
            : Merged(k, s) == k ? ImportOutcome.Unchanged : ImportOutcome.Updated, StringComparer.Ordinal);
    }

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedSupplier> rows)
    {
        const string Kept = "(suppliers.contact, suppliers.phone, suppliers.tax_number, suppliers.address, suppliers.lead_time_days, suppliers.payment_days)";
        const string Given = "(COALESCE(EXCLUDED.contact, suppliers.contact), COALESCE(EXCLUDED.phone, suppliers.phone), " +
            "COALESCE(EXCLUDED.tax_number, suppliers.tax_number), COALESCE(EXCLUDED.address, suppliers.address), " +
            "COALESCE(EXCLUDED.lead_time_days, suppliers.lead_time_days), COALESCE(EXCLUDED.payment_days, suppliers.payment_days))";
        var inserted = await context.Database.List(
            "INSERT INTO suppliers (group_id, store_id, name, contact, phone, tax_number, address, lead_time_days, payment_days, updated_at, updated_by) " +
            "SELECT $1, $2, i.*, $10, $11 FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::integer[], $9::integer[]) AS i " +
            $"ON CONFLICT (store_id, name) DO UPDATE SET (contact, phone, tax_number, address, lead_time_days, payment_days) = {Given}, " +
            $"updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by WHERE {Given} IS DISTINCT FROM {Kept} RETURNING (xmax = 0)",
            r => r.GetBoolean(0),
            context.GroupId, context.StoreId, rows.Select(s => s.Name).ToArray(), rows.Select(s => s.Contact).ToArray(), rows.Select(s => s.Phone).ToArray(),
            rows.Select(s => s.TaxNumber).ToArray(), rows.Select(s => s.Address).ToArray(), rows.Select(s => s.LeadTimeDays).ToArray(),
            rows.Select(s => s.PaymentDays).ToArray(), context.Clock.GetUtcNow(), context.By);
        var (added, updated) = (inserted.Count(i => i), inserted.Count(i => !i));
        return new ImportTally(added, updated, rows.Count - added - updated, 0);
    }

    private static ImportedSupplier Merged(ImportedSupplier kept, ImportedSupplier given) => new(kept.Name, given.Contact ?? kept.Contact,
        given.Phone ?? kept.Phone, given.TaxNumber ?? kept.TaxNumber, given.Address ?? kept.Address, given.LeadTimeDays ?? kept.LeadTimeDays,
        given.PaymentDays ?? kept.PaymentDays);
}

/// <summary>What a good row does (or, in a dry run, would do).</summary>
internal enum ImportOutcome
{
    Added,
    Updated,
    Unchanged,

    /// <summary>Good, but about nothing the store has (a price for a part it does not stock).</summary>
    Skipped,
}
