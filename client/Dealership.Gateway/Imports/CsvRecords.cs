using System.Text;

namespace Dealership.Gateway.Imports;

/// <summary>
/// Reads RFC 4180 CSV a record at a time from a text reader (quoted fields may hold commas, quotes and line breaks), so a file
/// of any length streams through. A record's number is its place in the file, the header being 1, as a spreadsheet numbers rows.
/// A quote never closed, a field longer than a spreadsheet cell holds or a row of more columns than any template has is the
/// file's fault (<see cref="ImportFileException"/>): nothing is read past it, so no row is silently lost and memory stays bounded.
/// </summary>
public static class CsvRecords
{
    /// <summary>Excel's own limit on a cell's text.</summary>
    public const int MaxFieldChars = 32_767;

    public const int MaxFields = 256;

    public static async IAsyncEnumerable<(int Row, List<string> Fields)> Read(TextReader reader)
    {
        var buffer = new char[64 * 1024];
        var fields = new List<string>();
        var field = new StringBuilder();
        bool inQuotes = false, quoteClosed = false, any = false;
        var row = 0;
        int count;
        while ((count = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < count; i++)
            {
                var c = buffer[i];
                if (field.Length > MaxFieldChars)
                {
                    throw new ImportFileException($"Row {row + 1} has a cell longer than {MaxFieldChars:N0} characters (a quote left open?).");
                }

                if (inQuotes)
                {
                    if (c == '"')
                    {
                        inQuotes = false;
                        quoteClosed = true;
                    }
                    else
                    {
                        field.Append(c);
                    }

                    continue;
                }

                if (c == '"')
                {
                    // A quote right after a closing quote is an escaped quote inside the field.
                    if (quoteClosed)
                    {
                        field.Append('"');
                    }

                    inQuotes = true;
                    quoteClosed = false;
                    any = true;
                    continue;
                }

                quoteClosed = false;
                if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                    any = true;
                    if (fields.Count > MaxFields)
                    {
                        throw new ImportFileException($"Row {row + 1} has more than {MaxFields} columns.");
                    }
                }
                else if (c is '\n' or '\r')
                {
                    if (c == '\r')
                    {
                        // \r\n ends one record: the \n that follows is skipped.
                        if (i + 1 < count)
                        {
                            if (buffer[i + 1] == '\n')
                            {
                                i++;
                            }
                        }
                        else if (reader.Peek() == '\n')
                        {
                            reader.Read();
                        }
                    }

                    fields.Add(field.ToString());
                    field.Clear();
                    row++;
                    if (any || fields.Count > 1 || fields[0].Length > 0)
                    {
                        yield return (row, fields);
                    }

                    fields = [];
                    any = false;
                }
                else
                {
                    field.Append(c);
                }
            }
        }

        if (inQuotes)
        {
            throw new ImportFileException($"Row {row + 1}: a quoted cell is never closed, so the rest of the file cannot be read.");
        }

        if (field.Length > 0 || fields.Count > 0 || any)
        {
            fields.Add(field.ToString());
            yield return (row + 1, fields);
        }
    }
}
