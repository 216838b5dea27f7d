namespace Dealership.Contracts.Partners;

/// <summary>
/// What an API client may reach: scopes "{area}:read" or "{area}:write", an area being one part of the API as the document groups
/// it (its tags). Write covers read. Staff administration, sign-in, API clients and the live feed are never a partner's: they are
/// not areas. The gateway checks a partner token's scopes on every request; the silos check the client's role and stores.
/// </summary>
public static class PartnerScopes
{
    public const string Read = "read";
    public const string Write = "write";

    /// <summary>Every area a scope may name, as the API document's tags read in lower case with dashes.</summary>
    public static readonly IReadOnlyList<string> Areas =
    [
        "groups-and-stores", "sales-floor", "showroom-register", "prospects", "deals", "vehicles", "parts", "purchase-orders", "tasks",
        "after-sale", "service", "insurance-renewals", "retention-numbers", "pay", "performance", "key-accounts", "fleet-orders",
        "receivables", "customer-events", "targets", "reports", "data", "vouchers", "webhooks",
    ];

    public const int MaxScopes = 60;

    /// <summary>Every scope there is, for the document's OAuth flow.</summary>
    public static IEnumerable<string> All() => Areas.SelectMany(a => new[] { $"{a}:{Read}", $"{a}:{Write}" });

    public static bool IsScope(string? scope) =>
        scope is not null && scope.Split(':') is [var area, var access] && Areas.Contains(area) && access is Read or Write;

    /// <summary>The area of a tag as the document writes it ("Sales floor" → "sales-floor", "KeyAccounts" → "key-accounts").</summary>
    public static string AreaOf(string tag)
    {
        var area = new System.Text.StringBuilder(tag.Length + 4);
        for (var i = 0; i < tag.Length; i++)
        {
            var c = tag[i];
            if (c is ' ' or '_')
            {
                area.Append('-');
            }
            else if (char.IsUpper(c) && i > 0 && char.IsLower(tag[i - 1]))
            {
                area.Append('-').Append(char.ToLowerInvariant(c));
            }
            else
            {
                area.Append(char.ToLowerInvariant(c));
            }
        }

        return area.ToString();
    }

    /// <summary>Whether <paramref name="scopes"/> let a request into <paramref name="area"/>: a write needs write, a read either.</summary>
    public static bool Allow(IEnumerable<string> scopes, string area, bool write) =>
        scopes.Contains($"{area}:{Write}", StringComparer.Ordinal) || (!write && scopes.Contains($"{area}:{Read}", StringComparer.Ordinal));

    /// <summary>The scope a request into <paramref name="area"/> needs.</summary>
    public static string Needed(string area, bool write) => $"{area}:{(write ? Write : Read)}";
}
