using System.Text.RegularExpressions;

namespace Dealership.Contracts.Common;

/// <summary>
/// Rules for the ids people type (store, group, staff). Lower-case letters, digits and hyphens,
/// starting with a letter, so they read well in URLs and never contain the key separator '/'.
/// </summary>
public static partial class Ids
{
    public const int MaxLength = 40;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    public static FieldErrors Id(this FieldErrors errors, string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return errors.Add(field, "is required.");
        }

        return IsValid(value)
            ? errors
            : errors.Add(field, "must be 2-40 characters: lower-case letters, digits and '-', starting with a letter.");
    }

    /// <summary>
    /// True if <paramref name="id"/> is a system-made record id: a two-letter <paramref name="prefix"/> and 16 lower-case
    /// hex digits (customers "cu…", deals "dl…", test drives "td…", transfers "tr…").
    /// </summary>
    public static bool IsRecordId(string? id, string prefix) =>
        id is { Length: 18 } && id.StartsWith(prefix, StringComparison.Ordinal) && id.AsSpan(2).IndexOfAnyExcept("0123456789abcdef") < 0;
}
