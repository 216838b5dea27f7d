using System.Text.Json;
using Microsoft.JSInterop;
using Microsoft.Kiota.Abstractions;

namespace Dealership.Web.Services;

/// <summary>
/// One store's event stream in the browser: opened with a one-minute ticket bought through the API, opened again with a fresh one
/// when it drops (a gateway restart included). Each change goes to <paramref name="changed"/>; null after a (re)connect, when the
/// reader reads everything again since changes may have come while the stream was down.
/// </summary>
public sealed class StoreStream(Api api, IJSRuntime js, string storeId, Action<FeedChange?> changed) : IAsyncDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan SignedOutRetry = TimeSpan.FromSeconds(10);

    private IJSObjectReference? stream;
    private DotNetObjectReference<StoreStream>? self;
    private bool closed;

    public string StoreId { get; } = storeId;

    /// <summary>Whether the stream is connected and has sent its snapshot: changes from now on reach the screens.</summary>
    public bool Live { get; private set; }

    /// <summary>Called when <see cref="Live"/> changes (the app bar shows it).</summary>
    public Action? LiveChanged { get; set; }

    public async Task Open()
    {
        if (closed || stream is not null)
        {
            return;
        }

        try
        {
            // A background call: it never asks the user to sign in (their next action does); it just tries again later.
            var ticket = await api.Client.Api.V2.Stores[StoreId].Events.Ticket.PostAsync();
            self ??= DotNetObjectReference.Create(this);
            var opened = await js.InvokeAsync<IJSObjectReference>("dealership.openFeed", ticket!.EventsUrl, self);
            if (closed)
            {
                await opened.InvokeVoidAsync("close");
                await opened.DisposeAsync();
                return;
            }

            stream = opened;
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            // The gateway is away, or the token no longer holds: try again shortly, as the board does.
            _ = Task.Delay(e is ApiException { ResponseStatusCode: 401 } ? SignedOutRetry : RetryAfter).ContinueWith(_ => Open());
        }
    }

    [JSInvokable]
    public void OnSnapshot()
    {
        SetLive(true);
        changed(null);
    }

    [JSInvokable]
    public void OnEvent(string json)
    {
        using var e = JsonDocument.Parse(json);
        var data = e.RootElement.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString())
            : [];
        var subject = e.RootElement.TryGetProperty("subject", out var sub) ? sub.GetString() : null;
        changed(new FeedChange(e.RootElement.GetProperty("kind").GetString() ?? "", subject, data, StoreId));
    }

    [JSInvokable]
    public async Task OnDropped()
    {
        await Drop();
        await Task.Delay(RetryAfter);
        await Open();
    }

    private void SetLive(bool live)
    {
        if (Live != live)
        {
            Live = live;
            LiveChanged?.Invoke();
        }
    }

    private async Task Drop()
    {
        SetLive(false);
        if (stream is not null)
        {
            await stream.InvokeVoidAsync("close");
            await stream.DisposeAsync();
            stream = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        closed = true;
        await Drop();
        self?.Dispose();
    }
}

/// <summary>One change on a store's feed: its kind, what it is about, its data and the store it happened in.</summary>
public sealed record FeedChange(string Kind, string? Subject, IReadOnlyDictionary<string, string> Data, string? StoreId = null)
{
    public string? this[string key] => Data.TryGetValue(key, out var v) ? v : null;
}
