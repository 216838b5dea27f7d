using System.Globalization;
using Dealership.ApiClient.Models;

namespace Dealership.Web.Pages.Pay;

/// <summary>
/// The plan's lists as the sales manager types them, one per line with commas: "Tayron, 500"; "3, 100" (units, bonus);
/// "ID.4, 1000, 2026-12-01, 2026-12-15"; "100, 1.1" (attainment %, multiplier). A line that does not read names its list.
/// </summary>
public static class PlanText
{
    public static string PerUnit(IEnumerable<ModelLineRate>? rates) => Lines(rates, r => $"{r.Model}, {Num(r.Amount)}");

    public static string Tiers(IEnumerable<UnitTier>? tiers) => Lines(tiers, t => $"{t.FromUnits}, {Num(t.BonusPerUnit)}");

    public static string Spiffs(IEnumerable<Spiff>? spiffs) => Lines(spiffs, s => $"{s.Model}, {Num(s.Amount)}, {Day(s.From)}, {Day(s.To)}");

    public static string Multipliers(IEnumerable<AttainmentMultiplier>? steps) => Lines(steps, m => $"{Num((m.FromAttainment ?? 0) * 100)}, {Num(m.Multiplier)}");

    public static List<ModelLineRate>? ReadPerUnit(string? text) =>
        Read(text, 2, p => Dec(p[1]) is { } amount ? new ModelLineRate { Model = p[0], Amount = amount } : null);

    public static List<UnitTier>? ReadTiers(string? text) =>
        Read(text, 2, p => int.TryParse(p[0], CultureInfo.InvariantCulture, out var units) && Dec(p[1]) is { } bonus ? new UnitTier { FromUnits = units, BonusPerUnit = bonus } : null);

    public static List<Spiff>? ReadSpiffs(string? text) =>
        Read(text, 4, p => Dec(p[1]) is { } amount && DateOf(p[2]) is { } from && DateOf(p[3]) is { } to
            ? new Spiff { Model = p[0], Amount = amount, From = from, To = to } : null);

    public static List<AttainmentMultiplier>? ReadMultipliers(string? text) =>
        Read(text, 2, p => Dec(p[0]) is { } percent && Dec(p[1]) is { } times ? new AttainmentMultiplier { FromAttainment = percent / 100m, Multiplier = times } : null);

    public static Microsoft.Kiota.Abstractions.Date? DateOf(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new Microsoft.Kiota.Abstractions.Date(d.Year, d.Month, d.Day) : null;

    public static List<T>? Read<T>(string? text, int parts, Func<string[], T?> parse)
        where T : class
    {
        var items = new List<T>();
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var p = line.Split([',', '，'], StringSplitOptions.TrimEntries);
            if (p.Length != parts || p[0].Length == 0 || parse(p) is not { } item)
            {
                return null;
            }

            items.Add(item);
        }

        return items;
    }

    public static decimal? Dec(string text) =>
        decimal.TryParse(text.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    public static string Num(decimal? d) => (d ?? 0m).ToString("0.####", CultureInfo.InvariantCulture);

    private static string Day(Microsoft.Kiota.Abstractions.Date? d) => d is { } x ? $"{x.Year:D4}-{x.Month:D2}-{x.Day:D2}" : "";

    public static string Lines<T>(IEnumerable<T>? items, Func<T, string> show) => string.Join('\n', (items ?? []).Select(show));
}
