using Dealership.ApiClient.Models;
using Dealership.Web.Pages.Pay;

namespace Dealership.Web.Pages.KeyAccounts;

/// <summary>An account's lists as the sales manager types them, one per line: "王经理, 车队主管, 13900000000"; "Camry, 2.5HEV Deluxe, 178000".</summary>
public static class AccountText
{
    public static string Contacts(IEnumerable<AccountContact>? contacts) => PlanText.Lines(contacts, c => $"{c.Name}, {c.Title}, {c.Mobile}");

    public static string Prices(IEnumerable<AgreedPrice>? prices) => PlanText.Lines(prices, p => $"{p.Model}, {p.Trim}, {PlanText.Num(p.Price)}");

    public static List<AccountContact>? ReadContacts(string? text) =>
        PlanText.Read(text, 3, p => new AccountContact { Name = p[0], Title = p[1], Mobile = p[2] });

    public static List<AgreedPrice>? ReadPrices(string? text) =>
        PlanText.Read(text, 3, p => PlanText.Dec(p[2]) is { } price ? new AgreedPrice { Model = p[0], Trim = p[1], Price = price } : null);
}
