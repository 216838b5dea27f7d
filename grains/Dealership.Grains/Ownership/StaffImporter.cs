using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Ownership;

/// <summary>
/// The store's staff. A new username is created as a member of this store through the member itself (audited, a consultant put
/// on the floor), without a password: they sign in first with a one-time code. A member the group has keeps their name and
/// password; a different role, or this store added to their stores, is assigned. A username another group holds, a member of the
/// whole group, or one working in stores the importing administrator does not look after, is a bad row.
/// </summary>
internal sealed class StaffImporter : Importer<ImportedStaff>
{
    public override string? Key(ImportRow row) => ImportCells.Clean(row.Cells.Count > 0 ? row.Cells[0] : null)?.ToLowerInvariant();

    protected override (ImportedStaff? Record, IReadOnlyList<ImportProblem> Problems) Read(ImportRow row) => ImportRules.Staff(row);

    protected override async Task<IReadOnlyList<ImportProblem>> Vet(ImportContext context, IReadOnlyList<(int Row, ImportedStaff Record)> rows)
    {
        var known = await Members(context, rows.Select(r => r.Record));
        var importer = Caller.Current;
        return [.. rows.Select(r => known.TryGetValue(r.Record.Username, out var m) ? Refusal(r.Row, r.Record, m, context, importer) : null).OfType<ImportProblem>()];
    }

    /// <summary>
    /// Why a known member cannot take the row: they belong to another group; they are the whole group's (HQ, IT: a store's file
    /// does not re-role them); or they work in stores the importing administrator does not look after (the assignment would be
    /// refused half-way through the run).
    /// </summary>
    private static ImportProblem? Refusal(int row, ImportedStaff staff, Member member, ImportContext context, Caller? importer) =>
        member.GroupId != context.GroupId ? new ImportProblem(row, "username", "username-taken", $"'{staff.Username}' is in use in another group.")
        : Assignment(context, member, staff) is null ? null
        : member.WholeGroup || member.Role is StaffRole.GroupHq or StaffRole.Administrator
            ? new ImportProblem(row, "username", "group-wide-member", $"'{staff.Username}' is a member of the whole group: change them on the staff page.")
        : importer is { IsPlatform: false, WholeGroup: false } && member.StoreIds.Any(s => !importer.StoreIds.Contains(s))
            ? new ImportProblem(row, "username", "member-of-other-stores", $"'{staff.Username}' works in stores you do not administer.")
        : null;

    protected override async Task<IReadOnlyDictionary<string, ImportOutcome>> Classify(ImportContext context, IReadOnlyList<ImportedStaff> rows)
    {
        var known = await Members(context, rows);
        return rows.ToDictionary(r => r.Username, r => !known.TryGetValue(r.Username, out var m) ? ImportOutcome.Added
            : Assignment(context, m, r) is null ? ImportOutcome.Unchanged : ImportOutcome.Updated, StringComparer.Ordinal);
    }

    protected override async Task<ImportTally> Apply(ImportContext context, IReadOnlyList<ImportedStaff> rows)
    {
        var known = await Members(context, rows);
        var done = await ImportChecks.InTurns(rows, async r =>
        {
            var member = context.Grains.GetGrain<IStaffGrain>(GrainKeys.InGroup(context.GroupId, r.Username));
            if (!known.TryGetValue(r.Username, out var m))
            {
                ImportChecks.Must(await member.Create(new NewStaff(r.Username, r.DisplayName, r.Role, [context.StoreId], false, Password: null)));
                return ImportOutcome.Added;
            }

            if (Assignment(context, m, r) is not { } assignment)
            {
                return ImportOutcome.Unchanged;
            }

            ImportChecks.Must(await member.Assign(assignment));
            return ImportOutcome.Updated;
        });
        return new ImportTally(done.Count(d => d == ImportOutcome.Added), done.Count(d => d == ImportOutcome.Updated),
            done.Count(d => d == ImportOutcome.Unchanged), 0);
    }

    /// <summary>What a known member of the group is to be assigned for the row (null: they are that already).</summary>
    private static StaffAssignment? Assignment(ImportContext context, Member member, ImportedStaff row) =>
        member.Role == row.Role && (member.WholeGroup || member.StoreIds.Contains(context.StoreId)) ? null
        : new StaffAssignment(row.Role, member.WholeGroup ? [] : [.. member.StoreIds.Union([context.StoreId])], member.WholeGroup);

    /// <summary>The members of any group with the rows' usernames (usernames are unique in the whole system).</summary>
    // The array is one argument, not the parameter list.
    private static async Task<Dictionary<string, Member>> Members(ImportContext context, IEnumerable<ImportedStaff> rows) =>
        (await context.Database.List("SELECT staff_id, group_id, role, store_ids, whole_group FROM staff_members WHERE staff_id = ANY($1)",
            r => new Member(r.GetString(0), r.GetString(1), Enum.Parse<StaffRole>(r.GetString(2)), r.GetFieldValue<string[]>(3), r.GetBoolean(4)),
            (object)rows.Select(s => s.Username).ToArray())).ToDictionary(m => m.StaffId, StringComparer.Ordinal);

    private sealed record Member(string StaffId, string GroupId, StaffRole Role, string[] StoreIds, bool WholeGroup);
}
