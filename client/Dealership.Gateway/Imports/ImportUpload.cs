using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Common;

namespace Dealership.Gateway.Imports;

/// <summary>
/// An uploaded spreadsheet, spooled to a temporary file as it arrives (never held in memory), with its SHA-256 and size; an .xlsx
/// is told by its zip signature, anything else is CSV text in UTF-8 or, failing that, GB18030 (what Chinese Excel writes). The
/// file is deleted when the upload is disposed.
/// </summary>
public sealed class ImportUpload : IAsyncDisposable
{
    public const long MaxBytes = 64L * 1024 * 1024;

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What a file over <see cref="MaxBytes"/> is told, however its size was found.</summary>
    public static readonly Problem TooLarge = Problem.Invalid("file", $"is larger than {MaxBytes / 1024 / 1024} MB; split it.");

    private static readonly Encoding Utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static ImportUpload() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private ImportUpload(string path, string hash, long bytes, bool isXlsx, Encoding? encoding)
    {
        Path = path;
        Hash = hash;
        Bytes = bytes;
        IsXlsx = isXlsx;
        Encoding = encoding;
    }

    public string Path { get; }

    public string Hash { get; }

    public long Bytes { get; }

    public bool IsXlsx { get; }

    /// <summary>The text's encoding (CSV only).</summary>
    public Encoding? Encoding { get; }

    /// <summary>Reads the request body into a temporary file; a problem (naming <c>file</c>) if it is empty, too large or not text.</summary>
    public static async Task<(ImportUpload? Upload, Problem? Problem)> Receive(Stream body, CancellationToken cancel)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dealership-import-{Guid.NewGuid():N}");
        long bytes = 0;
        byte[] head = [];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                var buffer = new byte[64 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer, cancel)) > 0)
                {
                    bytes += read;
                    if (bytes > MaxBytes)
                    {
                        File.Delete(path);
                        return (null, TooLarge);
                    }

                    if (head.Length < 4)
                    {
                        head = [.. head, .. buffer.AsSpan(0, Math.Min(read, 4 - head.Length)).ToArray()];
                    }

                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancel);
                }
            }

            if (bytes == 0)
            {
                File.Delete(path);
                return (null, Problem.Invalid("file", "is empty: send the spreadsheet as the request body."));
            }

            var hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            if (head is [0x50, 0x4B, 0x03, 0x04])
            {
                return (new ImportUpload(path, hash, bytes, true, null), null);
            }

            if (await Decodes(path, Utf8, cancel))
            {
                return (new ImportUpload(path, hash, bytes, false, Utf8), null);
            }

            var gb18030 = Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
            if (!LooksBinary(path) && await Decodes(path, gb18030, cancel))
            {
                return (new ImportUpload(path, hash, bytes, false, gb18030), null);
            }

            File.Delete(path);
            return (null, Problem.Invalid("file", "is neither an .xlsx workbook nor CSV text in UTF-8 or GB18030."));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            File.Delete(path);
            return (null, TooLarge);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    /// <summary>The file as text (CSV), decoded as it was found to be.</summary>
    public StreamReader OpenText() =>
        new(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true), Encoding!, detectEncodingFromByteOrderMarks: true);

    public ValueTask DisposeAsync()
    {
        File.Delete(Path);
        return ValueTask.CompletedTask;
    }

    private static async Task<bool> Decodes(string path, Encoding encoding, CancellationToken cancel)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true), encoding,
                detectEncodingFromByteOrderMarks: false);
            var buffer = new char[64 * 1024];
            while (await reader.ReadAsync(buffer, cancel) > 0)
            {
            }

            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    // GB18030 decodes nearly any bytes; a NUL or other control byte in the first kilobytes says the file is not text at all.
    private static bool LooksBinary(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[8192];
        var read = file.Read(buffer);
        return buffer.AsSpan(0, read).IndexOfAnyInRange((byte)0, (byte)8) >= 0 || buffer.AsSpan(0, read).IndexOfAnyInRange((byte)14, (byte)31) >= 0;
    }
}
