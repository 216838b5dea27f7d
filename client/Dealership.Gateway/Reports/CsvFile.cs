using CsvHelper;

namespace Dealership.Gateway.Reports;

/// <summary>The CSV files the gateway hands out (weekly reports, the OEM order): UTF-8, comma-separated, a header row.</summary>
public static class CsvFile
{
    // A byte order mark so that Excel opens the Chinese text as UTF-8; text that a spreadsheet would run as a formula is escaped.
    private static readonly CsvWriterOptions CsvOptions = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static byte[] Csv<T>(IEnumerable<T> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, CsvOptions, leaveOpen: true))
        {
            csv.WriteRecords(rows);
        }

        return buffer.ToArray();
    }
}
