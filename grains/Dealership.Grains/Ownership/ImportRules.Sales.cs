using Dealership.Contracts.Ownership;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Service;

namespace Dealership.Grains.Ownership;

/// <summary>A customer as their import row gives them: the mobile number normalised, consent only where the row says so.</summary>
public sealed record ImportedCustomer(string Mobile, string Name, bool? Marketing, ContactChannel? Channel, DateOnly? FirstSeen);

/// <summary>An open prospect as its import row gives it; the next follow-up by the grade's rhythm when the row leaves it empty.</summary>
public sealed record ImportedProspect(string Mobile, string Name, string ConsultantId, ProspectGrade Grade, string? ModelOfInterest, decimal? Budget,
    DateOnly? NextFollowUp, string? Note);

public static partial class ImportRules
{
    private static readonly Dictionary<string, bool> YesNo = new(StringComparer.Ordinal)
    {
        ["是"] = true,
        ["同意"] = true,
        ["y"] = true,
        ["yes"] = true,
        ["true"] = true,
        ["1"] = true,
        ["否"] = false,
        ["不同意"] = false,
        ["n"] = false,
        ["no"] = false,
        ["false"] = false,
        ["0"] = false,
    };

    private static readonly Dictionary<string, ContactChannel> Channels = new(StringComparer.Ordinal)
    {
        ["电话"] = ContactChannel.Phone,
        ["phone"] = ContactChannel.Phone,
        ["短信"] = ContactChannel.Sms,
        ["sms"] = ContactChannel.Sms,
        ["微信"] = ContactChannel.WeChat,
        ["wechat"] = ContactChannel.WeChat,
    };

    private static readonly Dictionary<string, ProspectGrade> Grades = Enum.GetValues<ProspectGrade>()
        .ToDictionary(g => g.ToString().ToLowerInvariant(), g => g, StringComparer.Ordinal);

    /// <param name="today">The store's day: a first visit is not in the future, nor more than twenty years back.</param>
    public static (ImportedCustomer? Customer, IReadOnlyList<ImportProblem> Problems) Customer(ImportRow row, DateOnly today)
    {
        var cells = new ImportCells(row, ImportTemplates.Customers);
        var mobile = Mobile(cells);
        var name = cells.Text("customerName", 60, required: true);
        var marketing = cells.Choice("marketingConsent", YesNo, "是/否, yes/no");
        var channel = cells.Choice("consentChannel", Channels, "电话/短信/微信, Phone/SMS/WeChat");
        if (channel is not null && marketing is not true)
        {
            cells.Problem("consentChannel", "channel-without-consent", "is given only with marketing consent (是 yes).");
        }

        var firstSeen = cells.Date("firstSeen", today.AddYears(-20), today);
        return cells.Bad ? (null, cells.Problems) : (new ImportedCustomer(mobile!, name!, marketing, channel, firstSeen), []);
    }

    /// <param name="consultants">The store's active consultants, by username.</param>
    /// <param name="today">The store's day: the next follow-up is at most a year ahead (one long overdue is overdue, not wrong).</param>
    public static (ImportedProspect? Prospect, IReadOnlyList<ImportProblem> Problems) Prospect(ImportRow row, IReadOnlySet<string> consultants,
        DateOnly today)
    {
        var cells = new ImportCells(row, ImportTemplates.Prospects);
        var mobile = Mobile(cells);
        var name = cells.Text("customerName", 60, required: true);
        var consultant = cells.Text("consultant", 40, required: true)?.ToLowerInvariant();
        if (consultant is not null && !consultants.Contains(consultant))
        {
            cells.Problem("consultant", "unknown-consultant", $"'{consultant}' is not an active consultant of this store (import staff first).");
        }

        var grade = cells.Choice("grade", Grades, "H, A, B, C", required: true);
        var model = cells.Text("modelOfInterest", 60);
        var budget = cells.Money("budget", 100_000_000m);
        var next = cells.Date("nextFollowUp", today.AddYears(-10), today.AddYears(1));
        var note = cells.Text("note", 500);
        return cells.Bad ? (null, cells.Problems)
            : (new ImportedProspect(mobile!, name!, consultant!, grade!.Value, model, budget, next, note), []);
    }

    private static string? Mobile(ImportCells cells)
    {
        var text = cells.Text("mobile", 20, required: true);
        var mobile = PersonalData.NormaliseMobile(text);
        if (text is not null && mobile is null)
        {
            cells.Problem("mobile", "bad-mobile", "is not a mainland mobile number (11 digits starting with 1).");
        }

        return mobile;
    }
}
