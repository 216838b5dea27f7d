using System.Text.Json;
using Microsoft.JSInterop;
using Microsoft.Kiota.Abstractions;

namespace Dealership.Web.Services;

/// <summary>
/// The store's live feed for the open screens: one stream per tab, opened with a one-minute ticket bought through the API and
/// opened again with a fresh one when it drops (a gateway restart included). Screens listen for the kinds of change they show
/// and read again; on (re)connect every screen reads again, since changes may have come while the stream was down.
/// </summary>
public sealed class LiveFeed(Api api, Session session, IJSRuntime js) : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan SignedOutRetry = TimeSpan.FromSeconds(10);

    private IJSObjectReference? stream;
    private DotNetObjectReference<LiveFeed>? self;
    private string? store;
    private bool opening;

    /// <summary>A change in the store: its kind (deal, prospect, register…) and data; null after a (re)connect: read everything again.</summary>
    public event Action<FeedChange?>? Changed;

    /// <summary>Makes sure the feed of the user's current store is open.</summary>
    public async Task Follow()
    {
        if (session.StoreId is not { } storeId || opening || (stream is not null && store == storeId))
        {
            return;
        }

        opening = true;
        try
        {
            await Close();
            // A background call: it never asks the user to sign in (their next action does); it just tries again later.
            var ticket = await api.Client.Api.V2.Stores[storeId].Events.Ticket.PostAsync();
            self ??= DotNetObjectReference.Create(this);
            stream = await js.InvokeAsync<IJSObjectReference>("dealership.openFeed", ticket!.EventsUrl, self);
            store = storeId;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // The gateway is away, or the token no longer holds: try again shortly, as the board does.
            _ = Task.Delay(e is ApiException { ResponseStatusCode: 401 } ? SignedOutRetry : RetryAfter).ContinueWith(_ => Follow());
        }
        finally
        {
            opening = false;
        }
    }

    /// <summary>Closes the stream (signing out): nothing of the store reaches the tab after.</summary>
    public Task Stop() => Close();

    [JSInvokable]
    public void OnSnapshot() => Changed?.Invoke(null);

    [JSInvokable]
    public void OnEvent(string json)
    {
        using var e = JsonDocument.Parse(json);
        var data = e.RootElement.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
            : [];
        var subject = e.RootElement.TryGetProperty("subject", out var sub) ? sub.GetString() : null;
        Changed?.Invoke(new FeedChange(e.RootElement.GetProperty("kind").GetString() ?? "", subject, data));
    }

    [JSInvokable]
    public async Task OnDropped()
    {
        await Close();
        await Task.Delay(RetryAfter);
        await Follow();
    }

    private async Task Close()
    {
        if (stream is not null)
        {
            await stream.InvokeVoidAsync("close");
            await stream.DisposeAsync();
            stream = null;
        }

        store = null;
    }

    public async ValueTask DisposeAsync()
    {
        await Close();
        self?.Dispose();
    }
}

/// <summary>One change on the feed.</summary>
public sealed record FeedChange(string Kind, string? Subject, IReadOnlyDictionary<string, string> Data)
{
    public string? this[string key] => Data.TryGetValue(key, out var v) ? v : null;
}
