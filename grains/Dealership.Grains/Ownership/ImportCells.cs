using System.Globalization;
using Dealership.Contracts.Ownership;

namespace Dealership.Grains.Ownership;

/// <summary>
/// Reads one row's cells by template column, noting every problem with the column it is in: a row reports all it has wrong at
/// once. Text is trimmed and kept as written, never evaluated: a leading apostrophe before '=', '+', '-' or '@' (how a
/// spreadsheet, or this product's export, marks formula-like text as text) is dropped and the rest stored as it stands.
/// </summary>
internal sealed class ImportCells(ImportRow row, IReadOnlyList<ImportColumn> columns)
{
    private readonly List<ImportProblem> problems = [];

    public int Row => row.Row;

    public IReadOnlyList<ImportProblem> Problems => problems;

    public bool Bad => problems.Count > 0;

    public void Problem(string column, string code, string message) => problems.Add(new ImportProblem(row.Row, column, code, message));

    public string? Text(string column, int maxLength, bool required = false)
    {
        var index = IndexOf(column);
        var value = index < row.Cells.Count ? Clean(row.Cells[index]) : null;
        if (value is null)
        {
            if (required)
            {
                Problem(column, "required", "is required.");
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            Problem(column, "too-long", $"must be at most {maxLength} characters.");
            return null;
        }

        if (value.Any(char.IsControl))
        {
            Problem(column, "bad-text", "holds a control character (a line break or a tab) where none belongs.");
            return null;
        }

        return value;
    }

    public int? Whole(string column, int min, int max, bool required = false)
    {
        if (Text(column, 40, required) is not { } text)
        {
            return null;
        }

        if (!decimal.TryParse(Plain(text), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            Problem(column, "not-a-number", $"'{text}' is not a number.");
            return null;
        }

        if (number != decimal.Truncate(number))
        {
            Problem(column, "not-whole", "must be a whole number.");
            return null;
        }

        return InRange(column, number, min, max) ? (int)number : null;
    }

    public decimal? Money(string column, decimal max, bool required = false)
    {
        if (Text(column, 40, required) is not { } text)
        {
            return null;
        }

        if (!decimal.TryParse(Plain(text), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            Problem(column, "not-a-number", $"'{text}' is not an amount.");
            return null;
        }

        if (decimal.Round(amount, 2) != amount)
        {
            Problem(column, "too-precise", "has more than two decimals (fen).");
            return null;
        }

        return InRange(column, amount, 0m, max) ? amount : null;
    }

    /// <summary>A day as a spreadsheet or a person writes it: 2026-03-08, 2026/3/8, 2026.3.8 or 2026年3月8日.</summary>
    public DateOnly? Date(string column, DateOnly earliest, DateOnly latest, bool required = false)
    {
        if (Text(column, 40, required) is not { } text)
        {
            return null;
        }

        var plain = text.Replace('/', '-').Replace('.', '-').Replace("年", "-", StringComparison.Ordinal).Replace("月", "-", StringComparison.Ordinal)
            .Replace("日", "", StringComparison.Ordinal).Trim();
        if (!DateOnly.TryParseExact(plain, ["yyyy-M-d", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            Problem(column, "not-a-date", $"'{text}' is not a day (yyyy-mm-dd).");
            return null;
        }

        if (day < earliest || day > latest)
        {
            Problem(column, "out-of-range", string.Create(CultureInfo.InvariantCulture, $"must be {earliest:yyyy-MM-dd} to {latest:yyyy-MM-dd}."));
            return null;
        }

        return day;
    }

    /// <summary>One of a few answers, each known by several spellings (是/否, yes/no...); null when empty or not one of them.</summary>
    public T? Choice<T>(string column, IReadOnlyDictionary<string, T> answers, string expected, bool required = false) where T : struct
    {
        if (Text(column, 40, required) is not { } text)
        {
            return null;
        }

        // "In stock", "in-stock" and "In_Stock" are one answer: the answers' keys are written without spaces, dashes or underscores.
        var key = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '_')).Select(char.ToLowerInvariant)]);
        if (answers.TryGetValue(key, out var answer))
        {
            return answer;
        }

        Problem(column, "not-a-choice", $"'{text}' is not one of: {expected}.");
        return null;
    }

    /// <summary>The cell's text, or null when empty; a formula mark is dropped (see the class).</summary>
    public static string? Clean(string? cell)
    {
        var text = cell?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' ? text[1..] : text;
    }

    private bool InRange(string column, decimal value, decimal min, decimal max)
    {
        if (value < 0 && min >= 0)
        {
            Problem(column, "negative", "must not be negative.");
            return false;
        }

        if (value < min || value > max)
        {
            Problem(column, "out-of-range", string.Create(CultureInfo.InvariantCulture, $"must be {min:#,0.##}-{max:#,0.##}."));
            return false;
        }

        return true;
    }

    // Thousands separators and a yuan sign are how a spreadsheet shows amounts, not part of them.
    private static string Plain(string text) => text.Replace(",", "", StringComparison.Ordinal).Replace("¥", "", StringComparison.Ordinal)
        .Replace("￥", "", StringComparison.Ordinal).Trim();

    private int IndexOf(string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Name == column)
            {
                return i;
            }
        }

        throw new ArgumentException($"No column '{column}' in this import.", nameof(column));
    }
}
