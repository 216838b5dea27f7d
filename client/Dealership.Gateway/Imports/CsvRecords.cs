using CsvHelper;

namespace Dealership.Gateway.Imports;

/// <summary>
/// Reads RFC 4180 CSV (CsvHelper) a record at a time from a text reader, so a file of any length streams through. A record's
/// number is its place in the file, the header being 1, as a spreadsheet numbers rows: an empty line is a row of its own (and
/// is passed over), a quoted cell over several lines is one. A quote never closed, a cell longer than a spreadsheet cell holds
/// or a row of more columns than any template has is the file's fault (<see cref="ImportFileException"/>): nothing is read past
/// it, so no row is silently lost and memory stays bounded.
/// </summary>
public static class CsvRecords
{
    /// <summary>Excel's own limit on a cell's text.</summary>
    public const int MaxFieldChars = 32_767;

    public const int MaxFields = 256;

    private static readonly CsvReaderOptions Options = new()
    {
        Separator = ',',
        HasHeader = false,
        SkipEmptyLines = false,
        TrimWhitespace = false,
        MalformedData = CsvMalformedDataHandling.Throw,
        DetectSeparatorHint = false,

        // A record as large as the largest a template can hold; an unclosed quote stops the read here, not at the end of memory.
        MaxRecordSize = 4 * MaxFieldChars * 64,
        IncludeValuesInExceptions = false,
    };

    public static async IAsyncEnumerable<(int Row, List<string> Fields)> Read(TextReader text)
    {
        await using var reader = CsvReader.Create(text, Options, leaveOpen: true);
        var row = 0;
        while (await Next(reader, row))
        {
            row++;
            if (reader.FieldCount > MaxFields)
            {
                throw new ImportFileException($"Row {row} has more than {MaxFields} columns.");
            }

            var fields = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var field = reader.GetString(i);
                if (field.Length > MaxFieldChars)
                {
                    throw new ImportFileException($"Row {row} has a cell longer than {MaxFieldChars:N0} characters (a quote left open?).");
                }

                fields.Add(field);
            }

            if (fields.Count > 1 || fields[0].Length > 0)
            {
                yield return (row, fields);
            }
        }
    }

    private static async Task<bool> Next(CsvReader reader, int row)
    {
        try
        {
            return await reader.ReadAsync();
        }
        catch (CsvFormatException e)
        {
            throw new ImportFileException($"Row {row + 1}: {e.Message} The rest of the file cannot be read.");
        }
    }
}
