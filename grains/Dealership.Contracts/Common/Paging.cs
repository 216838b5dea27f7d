using System.Globalization;
using System.Text;

namespace Dealership.Contracts.Common;

/// <summary>
/// Which page of a list to read: at most <see cref="Limit"/> rows after the cursor <see cref="After"/> (the <c>next</c> of the
/// previous page; none for the first). Every list has a stable order, so paging returns each row once while rows are added.
/// </summary>
[GenerateSerializer, Immutable, Alias("PageRequest")]
public sealed record PageRequest([property: Id(0)] int Limit, [property: Id(1)] string? After)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static PageRequest First { get; } = new(DefaultLimit, null);

    /// <summary>Every row in one page: for work inside the silo that needs a whole (bounded) list.</summary>
    public static PageRequest All { get; } = new(int.MaxValue, null);

    /// <summary>The page asked for by <c>limit</c> and <c>after</c> query parameters, or the fields that are wrong.</summary>
    public static (PageRequest? Page, FieldErrors Errors) Parse(string? limit, string? after)
    {
        var errors = new FieldErrors();
        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxLimit))
        {
            errors.Add("limit", $"must be a whole number from 1 to {MaxLimit}.");
        }

        if (after is not null && !Cursor.IsWellFormed(after))
        {
            errors.Add("after", "is not a cursor from this list (use the 'next' of the previous page).");
        }

        return (errors.Any ? null : new PageRequest(size, after), errors);
    }
}

/// <summary>One page of a list: its rows and the cursor of the next page (null on the last page).</summary>
[GenerateSerializer, Immutable, Alias("Page`1")]
public sealed record Page<T>([property: Id(0)] IReadOnlyList<T> Items, [property: Id(1)] string? Next);

/// <summary>
/// Opaque cursors: the sort key of the last row of a page, base64url-encoded, so clients pass them back unchanged and a
/// hand-made value is refused rather than misread.
/// </summary>
public static class Cursor
{
    private const int MaxLength = 200;

    public static string From(params object[] keys) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\u001f', keys.Select(Text))))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The keys of a cursor, or null if it is not one this API made.</summary>
    public static string[]? Keys(string? cursor)
    {
        if (cursor is null || cursor.Length is 0 or > MaxLength || cursor.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) ? Encoding.UTF8.GetString(bytes, 0, length).Split('\u001f') : null;
    }

    public static bool IsWellFormed(string cursor) => Keys(cursor) is not null;

    /// <summary>The cursor of a list ordered by an instant and an id: the instant in UTC, to the microsecond PostgreSQL keeps.</summary>
    public static string FromInstant(DateTimeOffset at, string id) =>
        From(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), id);

    /// <summary>
    /// The instant and id of a <see cref="FromInstant"/> cursor, or <paramref name="start"/> and <paramref name="startId"/> (where a
    /// first page begins, e.g. "infinity" for newest first) without one; null if it is not such a cursor.
    /// </summary>
    public static (string At, string Id)? Instant(string? cursor, string start, string startId)
    {
        var keys = cursor is null ? [start, startId] : Keys(cursor);
        return keys is [var at, var id] && (at == start || DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out _)) ? (at, id) : null;
    }

    /// <summary>The single number a cursor holds (a sequence or a revision), or null.</summary>
    public static long? Number(string? cursor) =>
        Keys(cursor) is [var only] && long.TryParse(only, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Text(object key) => key switch
    {
        DateTimeOffset at => at.UtcTicks.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => key.ToString() ?? "",
    };
}
