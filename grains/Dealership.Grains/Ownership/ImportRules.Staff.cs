using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using Dealership.Contracts.Staff;

namespace Dealership.Grains.Ownership;

/// <summary>A member of staff as their import row gives them: they work in the store the file is imported into.</summary>
public sealed record ImportedStaff(string Username, string DisplayName, StaffRole Role);

public static partial class ImportRules
{
    /// <summary>The roles of a store, by the names a store's files give them: Chinese, English, or as the API spells them.</summary>
    private static readonly Dictionary<string, StaffRole> RoleNames = new[]
    {
        (StaffRole.GeneralManager, "总经理", "General manager"),
        (StaffRole.SalesManager, "销售经理", "Sales manager"),
        (StaffRole.SalesConsultant, "销售顾问", "Sales consultant"),
        (StaffRole.SalesInformationClerk, "销售信息员", "Sales information clerk"),
        (StaffRole.FinanceSpecialist, "金融专员", "Finance specialist"),
        (StaffRole.Cashier, "收银员", "Cashier"),
        (StaffRole.PartsPlanner, "配件计划员", "Parts planner"),
        (StaffRole.ServiceAdvisor, "服务顾问", "Service advisor"),
        (StaffRole.Technician, "技师", "Technician"),
        (StaffRole.CustomerServiceCaller, "客服专员", "Customer service caller"),
    }.SelectMany(r => new[] { r.Item2, r.Item3, r.Item1.ToString() }.Select(name => (Key: RoleKey(name), Role: r.Item1)))
        .Concat(new[]
        {
            // The names DOMAIN.md's source and older systems use for the same roles.
            ("分期专员", StaffRole.FinanceSpecialist), ("销售信息专员", StaffRole.SalesInformationClerk), ("信息员", StaffRole.SalesInformationClerk),
            ("客服回访", StaffRole.CustomerServiceCaller), ("客服回访专员", StaffRole.CustomerServiceCaller), ("回访专员", StaffRole.CustomerServiceCaller),
        }.Select(a => (Key: RoleKey(a.Item1), Role: a.Item2)))
        .DistinctBy(r => r.Key).ToDictionary(r => r.Key, r => r.Role, StringComparer.Ordinal);

    public static (ImportedStaff? Staff, IReadOnlyList<ImportProblem> Problems) Staff(ImportRow row)
    {
        var cells = new ImportCells(row, ImportTemplates.Staff);
        var username = cells.Text("username", Ids.MaxLength, required: true)?.ToLowerInvariant();
        if (username is not null && !Ids.IsValid(username))
        {
            cells.Problem("username", "bad-username", "must be 2-40 characters: lower-case letters, digits and '-', starting with a letter.");
        }

        var name = cells.Text("displayName", 80, required: true);
        var roleText = cells.Text("role", 40, required: true);
        StaffRole role = default;
        if (roleText is not null && !RoleNames.TryGetValue(RoleKey(roleText), out role))
        {
            // Group-wide roles (HQ, the group's IT) are given by hand: a store's file cannot make anyone one.
            cells.Problem("role", "unknown-role", $"'{roleText}' is not a role of a store.");
        }

        return cells.Bad ? (null, cells.Problems) : (new ImportedStaff(username!, name!, role), []);
    }

    private static string RoleKey(string name) => new([.. name.Where(c => !char.IsWhiteSpace(c) && c != '_').Select(char.ToLowerInvariant)]);
}
