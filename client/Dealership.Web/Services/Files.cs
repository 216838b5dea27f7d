using Microsoft.JSInterop;

namespace Dealership.Web.Services;

/// <summary>Hands a download the app fetched through the API client to the browser as a file.</summary>
public sealed class Files(IJSRuntime js)
{
    public const string Csv = "text/csv";

    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task Save(string name, string type, Stream? content)
    {
        if (content is null)
        {
            return;
        }

        using var reference = new DotNetStreamReference(content);
        await js.InvokeVoidAsync("dealership.saveFile", name, type, reference);
    }
}
