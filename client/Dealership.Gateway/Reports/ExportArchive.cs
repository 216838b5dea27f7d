using System.IO.Compression;
using Dealership.Contracts.Ownership;

namespace Dealership.Gateway.Reports;

/// <summary>
/// Writes an export's pieces into a .zip as they arrive from the silo, one entry per file: the gateway never holds more than one
/// piece (and its compressed bytes), however large the store's history.
/// </summary>
public static class ExportArchive
{
    public const string ZipType = "application/zip";

    public static async Task Write(IDataExportGrain export, Stream body, HttpContext http, ILogger logger)
    {
        // The zip writer writes synchronously in places (closing an entry); the response takes only asynchronous writes. So it writes
        // into a buffer that is sent after each piece.
        var buffer = new DrainedBuffer(body);
        string? file = null;
        try
        {
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                Stream? entry = null;
                while (true)
                {
                    var next = await export.Next();
                    if (!next.IsOk)
                    {
                        throw new InvalidOperationException($"The export stopped: {next.Problem!.Detail}");
                    }

                    var piece = next.Value!;
                    if (piece.Done)
                    {
                        break;
                    }

                    if (piece.File != file)
                    {
                        entry?.Dispose();
                        entry = archive.CreateEntry(piece.File, CompressionLevel.Fastest).Open();
                        file = piece.File;
                    }

                    entry!.Write(piece.Data);
                    await buffer.Drain(http.RequestAborted);
                }

                entry?.Dispose();
            }

            await buffer.Drain(http.RequestAborted);
        }
        catch (Exception e)
        {
            // The 200 and part of the archive have gone out: cutting the connection tells the client the download failed, where
            // finishing the zip would hand it a valid archive that lacks data.
            logger.LogWarning(e, "A data export was cut short in {File}", file);
            await export.End();
            http.Abort();
        }
    }

    /// <summary>A write-only stream that keeps what is written until <see cref="Drain"/> sends it on.</summary>
    private sealed class DrainedBuffer(Stream target) : Stream
    {
        private readonly MemoryStream held = new();
        private long sent;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => sent + held.Length;

        public override long Position
        {
            get => Length;
            set => throw new NotSupportedException();
        }

        public async Task Drain(CancellationToken cancellationToken)
        {
            if (held.Length == 0)
            {
                return;
            }

            await target.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            await target.FlushAsync(cancellationToken);
            sent += held.Length;
            held.SetLength(0);
        }

        public override void Write(byte[] buffer, int offset, int count) => held.Write(buffer, offset, count);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
