using System.Globalization;
using Dealership.ApiClient.Models;
using Dealership.Web.Pages.Pay;

namespace Dealership.Web.Pages.KeyAccounts;

/// <summary>A fleet order's cars as the sales manager types them, one specification per line: "Tiguan L, 330TSI, Pure White, 10".</summary>
public static class FleetText
{
    public static List<FleetLine>? ReadLines(string? text) =>
        PlanText.Read(text, 4, p => int.TryParse(p[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? new FleetLine { Model = p[0], Trim = p[1], Colour = p[2], Quantity = n }
            : null);
}
