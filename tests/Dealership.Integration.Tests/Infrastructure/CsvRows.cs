using System.Text;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>Reads an RFC 4180 CSV file (quoted fields may hold commas, quotes and line breaks) into rows by column name.</summary>
public static class CsvRows
{
    public static List<Dictionary<string, string?>> Read(string text)
    {
        var records = Records(text.TrimStart('\uFEFF')).ToList();
        var header = records[0].Select(f => f.Value!).ToList();
        return [.. records.Skip(1).Select(r => header.Select((name, i) => (name, r[i].Value)).ToDictionary(c => c.name, c => c.Value))];
    }

    // A field's value is null when it was empty and unquoted (PostgreSQL's NULL), "" when quoted and empty.
    private static IEnumerable<List<(string? Value, bool Quoted)>> Records(string text)
    {
        var record = new List<(string?, bool)>();
        var field = new StringBuilder();
        bool quoted = false, inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                inQuotes = quoted = true;
            }
            else if (c is ',' or '\n')
            {
                record.Add((field.Length == 0 && !quoted ? null : field.ToString(), quoted));
                field.Clear();
                quoted = false;
                if (c == '\n')
                {
                    yield return record;
                    record = [];
                }
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            record.Add((field.Length == 0 && !quoted ? null : field.ToString(), quoted));
            yield return record;
        }
    }
}
