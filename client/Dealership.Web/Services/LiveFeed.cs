using Microsoft.JSInterop;

namespace Dealership.Web.Services;

/// <summary>
/// The user's current store's live feed for the open screens: one stream per tab (<see cref="StoreStream"/>). Screens listen for
/// the kinds of change they show and read again; on (re)connect every screen reads again.
/// </summary>
public sealed class LiveFeed(Api api, Session session, IJSRuntime js) : IAsyncDisposable
{
    private StoreStream? stream;

    /// <summary>A change in the store: its kind (deal, prospect, register…) and data; null after a (re)connect: read everything again.</summary>
    public event Action<FeedChange?>? Changed;

    /// <summary>Whether the current store's stream is connected: the screens follow changes as they happen.</summary>
    public bool Live => stream?.Live == true;

    public event Action? LiveChanged;

    /// <summary>Makes sure the feed of the user's current store is open.</summary>
    public async Task Follow()
    {
        if (session.StoreId is not { } storeId || stream?.StoreId == storeId)
        {
            return;
        }

        // The new stream is in place before the old one closes, so a second call meanwhile sees it and opens nothing more.
        var old = stream;
        var opened = stream = Stream(storeId, change => Changed?.Invoke(change));
        opened.LiveChanged = () => LiveChanged?.Invoke();
        if (old is not null)
        {
            await old.DisposeAsync();
        }

        await opened.Open();
    }

    /// <summary>A stream of another store's feed (a group screen follows several); the caller disposes it.</summary>
    public StoreStream Stream(string storeId, Action<FeedChange?> changed) => new(api, js, storeId, changed);

    /// <summary>Closes the stream (signing out): nothing of the store reaches the tab after.</summary>
    public async Task Stop()
    {
        if (stream is { } open)
        {
            stream = null;
            await open.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(Stop());
}
