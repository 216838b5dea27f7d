using System.Text.RegularExpressions;

namespace Dealership.Rules.Tests.Web;

/// <summary>
/// The staff app's words, read from its sources: every key a screen names is in the word list with a Chinese and an English
/// text, so no screen ever shows a bare key or half a language.
/// </summary>
public sealed partial class WordsTests
{
    private static readonly string Web = Path.Combine(Root(), "client", "Dealership.Web");

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Dealership.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Dealership.sln not found above the test's directory");
    }

    [GeneratedRegex("""\["(?<key>[a-zA-Z]+\.[a-zA-Z.\-]*)"\] = \("(?<zh>[^"]*)",\s*"(?<en>[^"]*)"\)""")]
    private static partial Regex Entry();

    [GeneratedRegex(@"T(?:\[|\.Format\()""(?<key>[a-zA-Z]+\.[a-zA-Z.]+)""|""(?<nav>nav\.[a-zA-Z]+)""")]
    private static partial Regex Use();

    private static Dictionary<string, (string Zh, string En)> Words() =>
        Directory.EnumerateFiles(Path.Combine(Web, "Services"), "Words*.cs").SelectMany(f => Entry().Matches(File.ReadAllText(f)))
            .ToDictionary(m => m.Groups["key"].Value, m => (m.Groups["zh"].Value, m.Groups["en"].Value));

    [Fact]
    public void Every_key_a_screen_names_has_both_languages()
    {
        var words = Words();
        var sources = Directory.EnumerateFiles(Web, "*.razor", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Web, "Services"), "Screens.cs"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var used = sources.SelectMany(f => Use().Matches(File.ReadAllText(f)))
            .Select(m => new[] { m.Groups["key"], m.Groups["nav"] }.First(g => g.Success).Value)
            .Where(k => k.Length > 0)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(used.Count > 50, $"only {used.Count} keys found: the pattern no longer matches how screens name their words");
        Assert.Empty(used.Where(k => !words.ContainsKey(k)).Order());
        Assert.Empty(words.Where(w => w.Value.Zh.Length == 0 || w.Value.En.Length == 0).Select(w => w.Key));
    }

    [GeneratedRegex(@"\.(?:Refuses|Conflicts)\((?<codes>(?:""[a-z-]+""(?:, )?)+)\)")]
    private static partial Regex Codes();

    [Fact]
    public void Every_refusal_code_the_api_documents_has_its_reason_in_both_languages()
    {
        var words = Words();
        var apis = Path.Combine(Root(), "client", "Dealership.Gateway", "Apis");
        var codes = Directory.EnumerateFiles(apis, "*.cs").SelectMany(f => Codes().Matches(File.ReadAllText(f)))
            .SelectMany(m => m.Groups["codes"].Value.Split(", ")).Select(c => c.Trim('"')).ToHashSet();
        Assert.True(codes.Count > 50, $"only {codes.Count} codes found: the pattern no longer matches how endpoints declare them");
        Assert.Empty(codes.Where(c => !words.ContainsKey($"code.{c}")).Order());
    }

    [Fact]
    public void The_API_client_form_offers_exactly_the_areas_a_scope_may_name()
    {
        var offered = Words().Keys.Where(k => k.StartsWith("area.", StringComparison.Ordinal)).Select(k => k["area.".Length..]).Order();
        Assert.Equal(Dealership.Contracts.Partners.PartnerScopes.Areas.Order(), offered);
    }

    [Fact]
    public void The_webhooks_page_offers_exactly_the_event_types_a_subscription_may_name()
    {
        var offered = Words().Keys.Where(k => k.StartsWith("hookType.", StringComparison.Ordinal)).Select(k => k["hookType.".Length..]);
        Assert.Equal(Dealership.Contracts.Partners.WebhookEventTypes.All, offered);
    }

    [Fact]
    public void Every_role_and_every_deal_status_has_its_words()
    {
        var words = Words();
        string[] roles = ["GeneralManager", "SalesManager", "SalesConsultant", "SalesInformationClerk", "FinanceSpecialist", "Cashier",
            "PartsPlanner", "ServiceAdvisor", "Technician", "CustomerServiceCaller", "GroupHq", "Administrator", "PlatformOperator"];
        string[] statuses = ["Draft", "PendingApproval", "Approved", "Signed", "Invoiced", "Delivered", "Cancelled"];
        Assert.All(roles, r => Assert.Contains($"role.{r}", words.Keys));
        Assert.All(statuses, s => Assert.Contains($"dealStatus.{s}", words.Keys));
        Assert.All(statuses, s => Assert.Contains($"next.{s}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Sales.LostReason>(), r => Assert.Contains($"lostReason.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Sales.ProspectStatus>(), r => Assert.Contains($"prospectStatus.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Sales.LoanStatus>(), r => Assert.Contains($"loanStatus.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Sales.LoanStep>(), r => Assert.Contains($"loanStep.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Sales.PaymentKind>(), r => Assert.Contains($"payKind.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Sales.PaymentMethod>(), r => Assert.Contains($"payMethod.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Vehicles.VehicleStatus>(), r => Assert.Contains($"vehicleStatus.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Vehicles.CertificateLocation>(), r => Assert.Contains($"certificate.{r}", words.Keys));
        Assert.All(Enum.GetNames<Dealership.Contracts.Consultants.ConsultantStatus>(), r => Assert.Contains($"consultantStatus.{r}", words.Keys));
    }
}
