using Microsoft.JSInterop;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace Dealership.Web.Services;

/// <summary>
/// Downloads through the API client: the bytes are counted as they arrive (against the answer's length, when it states one) so
/// a large report shows its progress, then handed to the browser as a file.
/// </summary>
public sealed class Files(IJSRuntime js)
{
    public const string Csv = "text/csv";

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string Zip = "application/zip";

    private const int Chunk = 64 * 1024;

    /// <summary>The download under way, or the last one finished; null before the first.</summary>
    public Download? Current { get; private set; }

    public event Action? Changed;

    /// <summary>
    /// Fetches <paramref name="name"/> with <paramref name="fetch"/> (which passes the header option to its request, so the length
    /// is known) and saves it. A refusal from the fetch propagates to the screen; the progress then clears.
    /// </summary>
    public async Task Save(string name, string type, Func<HeadersInspectionHandlerOption, Task<Stream?>> fetch)
    {
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        Show(new Download(name, 0, null, false));
        try
        {
            await using var content = await fetch(headers);
            if (content is null)
            {
                Show(null);
                return;
            }

            long? total = headers.ResponseHeaders.TryGetValue("Content-Length", out var lengths)
                && long.TryParse(lengths.FirstOrDefault(), out var length) ? length : null;
            using var file = new MemoryStream();
            var buffer = new byte[Chunk];
            int read;
            while ((read = await content.ReadAsync(buffer)) > 0)
            {
                file.Write(buffer, 0, read);
                Show(new Download(name, file.Length, total, false));
            }

            file.Position = 0;
            using var reference = new DotNetStreamReference(file, leaveOpen: true);
            await js.InvokeVoidAsync("dealership.saveFile", name, type, reference);
            Show(new Download(name, file.Length, total ?? file.Length, true));
        }
        catch
        {
            Show(null);
            throw;
        }
    }

    private void Show(Download? download)
    {
        Current = download;
        Changed?.Invoke();
    }
}

/// <summary>A download's progress: bytes received of the total (null when the answer does not state its length).</summary>
public sealed record Download(string Name, long Received, long? Total, bool Done);
