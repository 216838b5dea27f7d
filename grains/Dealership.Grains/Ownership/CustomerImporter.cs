using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;
using Dealership.Grains.Common;
using Dealership.Grains.Service;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Ownership;

/// <summary>
/// The store's customers, by mobile number. A number the store does not know becomes a customer (through the customer itself, so
/// the same person can never be two); a known one is merged: the store's record keeps its name, visits and history, and takes
/// the row's consent where the store has none, or a withdrawal of the consent it has (a consent change, with who and when, as the
/// service desk records one).
/// </summary>
internal sealed class CustomerImporter : Importer<ImportedCustomer>
{
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private DateOnly today;

    public override async Task Prepare(ImportContext context) => (zone, today) = await SalesImport.Day(context);

    public override string? Key(ImportRow row) => SalesImport.Key(row);

    public override string Shown(string key) => SalesImport.Shown(key);

    protected override (ImportedCustomer? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) => ImportRules.Customer(row, today);

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedCustomer> rows)
    {
        var known = await SalesImport.Known(context, rows.Select(r => r.Mobile));
        var consents = await Consents(context, rows.Select(r => r.Mobile));
        return rows.ToDictionary(r => r.Mobile, r => !known.ContainsKey(r.Mobile) ? ImportOutcome.Added
            : ConsentChanges(r, consents) ? ImportOutcome.Updated : ImportOutcome.Unchanged, StringComparer.Ordinal);
    }

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedCustomer> rows)
    {
        var known = await SalesImport.Known(context, rows.Select(r => r.Mobile));
        var consents = await Consents(context, rows.Select(r => r.Mobile));
        var added = await ImportChecks.InTurns([.. rows.Where(r => !known.ContainsKey(r.Mobile))], async r => ImportChecks.Must(
            await SalesImport.Customer(context, r.Mobile).Import(new CustomerImport(r.Name, r.Mobile,
                r.FirstSeen is { } day ? StoreFacts.StartOf(day, zone) : null, null, context.Source))));
        var changes = rows.Where(r => ConsentChanges(r, consents)).Select(r => new ConsentRow(context.GroupId, context.StoreId,
            PersonalData.CustomerId(context.StoreId, r.Mobile), new ConsentChange(context.Clock.GetUtcNow(), context.By, r.Marketing!.Value,
                r.Marketing.Value ? r.Channel : null))).ToList();
        if (changes.Count > 0)
        {
            await context.Database.Write(changes);
        }

        var updated = rows.Count(r => known.ContainsKey(r.Mobile) && ConsentChanges(r, consents));
        return new ImportTally(added.Count(a => a), updated, rows.Count - added.Count(a => a) - updated, 0);
    }

    /// <summary>
    /// Whether the row's consent is recorded: when the store has none (never asked), or when the row withdraws one the store has.
    /// A consent the file gives never overrides a withdrawal the store recorded (the customer said no here, to us), and running the
    /// file again finds the consent it recorded.
    /// </summary>
    private static bool ConsentChanges(ImportedCustomer row, IReadOnlyDictionary<string, (bool Marketing, ContactChannel? Channel)> consents) =>
        row.Marketing is { } marketing && (!consents.TryGetValue(row.Mobile, out var kept) || (kept.Marketing && !marketing));

    /// <summary>The latest consent of the customers with these numbers, by number.</summary>
    private static async Task<Dictionary<string, (bool Marketing, ContactChannel? Channel)>> Consents(ImportContext context, IEnumerable<string> mobiles)
    {
        var ids = mobiles.ToDictionary(m => PersonalData.CustomerId(context.StoreId, m), m => m, StringComparer.Ordinal);
        var rows = await context.Database.List(
            "SELECT DISTINCT ON (customer_id) customer_id, marketing, channel FROM customer_consents WHERE store_id = $1 AND customer_id = ANY($2) " +
            "ORDER BY customer_id, at DESC",
            r => (Id: r.GetString(0), Marketing: r.GetBoolean(1), Channel: r.IsDBNull(2) ? (ContactChannel?)null : Enum.Parse<ContactChannel>(r.GetString(2))),
            context.StoreId, ids.Keys.ToArray());
        return rows.ToDictionary(r => ids[r.Id], r => (r.Marketing, r.Channel), StringComparer.Ordinal);
    }
}

/// <summary>
/// Open prospects. A number the store does not know becomes a customer with an active card; a known customer who never had a card
/// gets one; a customer with a card (active, won or lost) keeps it as the floor has it.
/// </summary>
internal sealed class ProspectImporter : Importer<ImportedProspect>
{
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private DateOnly today;
    private IReadOnlySet<string> consultants = new HashSet<string>();

    public override async Task Prepare(ImportContext context)
    {
        (zone, today) = await SalesImport.Day(context);
        consultants = (await context.Database.List(
                "SELECT staff_id FROM staff_members WHERE group_id = $1 AND role = 'SalesConsultant' AND NOT disabled AND $2 = ANY(store_ids)",
                r => r.GetString(0), context.GroupId, context.StoreId))
            .ToHashSet(StringComparer.Ordinal);
    }

    public override string? Key(ImportRow row) => SalesImport.Key(row);

    public override string Shown(string key) => SalesImport.Shown(key);

    protected override (ImportedProspect? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) =>
        ImportRules.Prospect(row, consultants, today);

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedProspect> rows)
    {
        var known = await SalesImport.Known(context, rows.Select(r => r.Mobile));
        return rows.ToDictionary(r => r.Mobile, r => Outcome(known, r.Mobile), StringComparer.Ordinal);
    }

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedProspect> rows)
    {
        var known = await SalesImport.Known(context, rows.Select(r => r.Mobile));
        var done = await ImportChecks.InTurns(rows, async r =>
        {
            var outcome = Outcome(known, r.Mobile);
            if (outcome == ImportOutcome.Unchanged)
            {
                return outcome;
            }

            // Due by the end of the day the file names, in the store's time.
            var due = r.NextFollowUp is { } day ? StoreFacts.StartOf(day.AddDays(1), zone).AddSeconds(-1) : (DateTimeOffset?)null;
            var changed = ImportChecks.Must(await SalesImport.Customer(context, r.Mobile).Import(new CustomerImport(r.Name, r.Mobile, null,
                new ImportedCard(r.ConsultantId, r.Grade, r.ModelOfInterest, r.Budget, due, r.Note), context.Source)));
            return changed ? outcome : ImportOutcome.Unchanged;
        });
        var (added, updated) = (done.Count(d => d == ImportOutcome.Added), done.Count(d => d == ImportOutcome.Updated));
        return new ImportTally(added, updated, rows.Count - added - updated, 0);
    }

    // A card the store has, open or closed, is the floor's: a won or lost one is not reopened by running an old file again.
    private static ImportOutcome Outcome(IReadOnlyDictionary<string, ProspectStatus?> known, string mobile) =>
        !known.TryGetValue(mobile, out var status) ? ImportOutcome.Added
        : status is null ? ImportOutcome.Updated : ImportOutcome.Unchanged;
}

/// <summary>What the customer and prospect imports share: the mobile number as key, masked in reports, and the store's customers.</summary>
internal static class SalesImport
{
    public static string? Key(ImportRow row)
    {
        var text = ImportCells.Clean(row.Cells.Count > 0 ? row.Cells[0] : null);
        return PersonalData.NormaliseMobile(text) ?? text;
    }

    // A report is read by more people than the customer list: a number shows as the list shows it.
    public static string Shown(string key) => PersonalData.MaskMobile(key);

    public static async Task<(TimeZoneInfo Zone, DateOnly Today)> Day(ImportContext context)
    {
        var zone = StoreFacts.Zone(await StoreFacts.Store(context.Grains, context.StoreId));
        return (zone, StoreFacts.LocalDate(context.Clock.GetUtcNow(), zone));
    }

    /// <summary>The store's customers with these numbers and their card's status, by number.</summary>
    public static async Task<Dictionary<string, ProspectStatus?>> Known(ImportContext context, IEnumerable<string> mobiles)
    {
        var ids = mobiles.ToDictionary(m => PersonalData.CustomerId(context.StoreId, m), m => m, StringComparer.Ordinal);
        var rows = await context.Database.List(
            "SELECT customer_id, prospect_status FROM customers WHERE store_id = $1 AND customer_id = ANY($2)",
            r => (Id: r.GetString(0), Status: r.IsDBNull(1) ? (ProspectStatus?)null : Enum.Parse<ProspectStatus>(r.GetString(1))),
            context.StoreId, ids.Keys.ToArray());
        return rows.ToDictionary(r => ids[r.Id], r => r.Status, StringComparer.Ordinal);
    }

    public static ICustomerGrain Customer(ImportContext context, string mobile) =>
        context.Grains.GetGrain<ICustomerGrain>(GrainKeys.InStore(context.StoreId, PersonalData.CustomerId(context.StoreId, mobile)));
}
