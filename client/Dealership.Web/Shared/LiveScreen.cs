using Dealership.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Dealership.Web.Shared;

/// <summary>
/// A screen that reads again when the store's feed names a change it shows (and after every reconnect). Reads never overlap:
/// changes that arrive during a read cause one more read after it, however many there were.
/// </summary>
public abstract class LiveScreen : LanguageAware, IDisposable
{
    private bool reading;
    private bool again;

    [Inject] protected LiveFeed Feed { get; set; } = null!;

    /// <summary>Whether a change concerns this screen.</summary>
    protected abstract bool Shows(FeedChange change);

    /// <summary>Reads what the screen shows.</summary>
    protected abstract Task Read();

    protected override async Task OnInitializedAsync()
    {
        Feed.Changed += OnChange;
        await ReadNow();
    }

    /// <summary>A change from the store's feed (or another stream the screen follows): read again if the screen shows it.</summary>
    protected void OnChange(FeedChange? change)
    {
        if (change is null || Shows(change))
        {
            _ = InvokeAsync(ReadNow);
        }
    }

    /// <summary>Reads again now (after the user's own change, a new filter), never alongside a read the feed started.</summary>
    protected Task Refresh() => ReadNow();

    private async Task ReadNow()
    {
        if (reading)
        {
            again = true;
            return;
        }

        reading = true;
        try
        {
            do
            {
                again = false;
                await Read();
                StateHasChanged();
            }
            while (again);
        }
        finally
        {
            reading = false;
        }
    }

    public new void Dispose()
    {
        Feed.Changed -= OnChange;
        base.Dispose();
    }
}
