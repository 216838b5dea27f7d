using System.Globalization;
using System.Runtime.CompilerServices;
using Dealership.Contracts.Common;
using Dealership.Contracts.Ownership;
using MiniExcelLibs;

namespace Dealership.Gateway.Imports;

/// <summary>
/// An uploaded file read as an import's rows: the first row is the header, naming template columns in any order (see
/// <see cref="ImportTemplates.Find"/>); every later row that is not blank becomes an <see cref="ImportRow"/> with its cells in
/// template order. An .xlsx is read from its first sheet. Values are taken as text, as written: nothing is evaluated.
/// </summary>
public sealed class ImportSheet(ImportUpload upload, IReadOnlyList<ImportColumn> columns)
{
    /// <summary>
    /// Checks the header (a problem naming <c>file</c> for a column no template has, one given twice, or a required one missing),
    /// then reads the file through once, so a file that cannot be read to its end (<see cref="ImportFileException"/>) is refused
    /// before any run begins.
    /// </summary>
    public async Task<Problem?> Check(CancellationToken cancel)
    {
        var header = true;
        await foreach (var (_, cells) in Records(cancel))
        {
            if (header && Map(cells).Problem is { } problem)
            {
                return problem;
            }

            header = false;
        }

        return header ? Problem.Invalid("file", "has no header row.") : null;
    }

    /// <summary>The data rows in batches of <paramref name="size"/>.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ImportRow>> Batches(int size, [EnumeratorCancellation] CancellationToken cancel)
    {
        int[]? map = null;
        var batch = new List<ImportRow>(size);
        await foreach (var (row, cells) in Records(cancel))
        {
            if (map is null)
            {
                map = Map(cells).Map!;
                continue;
            }

            var values = new string?[columns.Count];
            for (var i = 0; i < cells.Count && i < map.Length; i++)
            {
                if (map[i] >= 0)
                {
                    values[map[i]] = string.IsNullOrWhiteSpace(cells[i]) ? null : cells[i];
                }
            }

            if (values.All(v => v is null))
            {
                continue;
            }

            batch.Add(new ImportRow(row, values));
            if (batch.Count == size)
            {
                yield return batch;
                batch = new List<ImportRow>(size);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private (int[]? Map, Problem? Problem) Map(IReadOnlyList<string?> header)
    {
        var map = new int[header.Count];
        var found = new HashSet<int>();
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i]?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                map[i] = -1;
                continue;
            }

            map[i] = ImportTemplates.Find(columns, name);
            if (map[i] < 0)
            {
                var shown = name.Length > 40 ? name[..40] + "…" : name;
                return (null, Problem.Invalid("file", $"The header '{shown}' (column {ColumnName(i)}) is not a column of this import; use the template's headers."));
            }

            if (!found.Add(map[i]))
            {
                return (null, Problem.Invalid("file", $"The column '{columns[map[i]].Header}' is given twice (column {ColumnName(i)})."));
            }
        }

        var missing = columns.Select((c, i) => (c, i)).Where(x => x.c.Required && !found.Contains(x.i)).Select(x => x.c.Header).ToList();
        return missing.Count > 0 ? (null, Problem.Invalid("file", $"The header lacks the required column(s): {string.Join(", ", missing)}.")) : (map, null);
    }

    private async IAsyncEnumerable<(int Row, IReadOnlyList<string?> Cells)> Records([EnumeratorCancellation] CancellationToken cancel)
    {
        if (upload.IsXlsx)
        {
            var row = 0;
            using var rows = MiniExcel.Query(upload.Path, useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                IDictionary<string, object?> cells;
                try
                {
                    if (!rows.MoveNext())
                    {
                        break;
                    }

                    cells = (IDictionary<string, object?>)rows.Current;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Whatever the reader trips on (a zip that is no workbook, a sheet it cannot parse), the file is at fault.
                    throw new ImportFileException("The file is not a readable .xlsx workbook (save it again from Excel, or as CSV).");
                }

                row++;
                if (cells.Count > CsvRecords.MaxFields)
                {
                    throw new ImportFileException($"The sheet has more than {CsvRecords.MaxFields} columns.");
                }

                yield return (row, [.. cells.Values.Select(Text)]);
            }

            yield break;
        }

        using var reader = upload.OpenText();
        await foreach (var (row, fields) in CsvRecords.Read(reader).WithCancellation(cancel))
        {
            yield return (row, fields);
        }
    }

    // A workbook's numbers are doubles and its dates DateTimes: written back as a person would type them.
    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d when Math.Abs(d) < 7.9e27 => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
