using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>An open Server-Sent Events stream; events are read in order with a timeout.</summary>
public sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly Channel<SseItem<string>> items = Channel.CreateUnbounded<SseItem<string>>();
    private readonly CancellationTokenSource stop = new();
    private readonly Task pump;

    private EventStream(HttpResponseMessage response)
    {
        this.response = response;
        pump = Task.Run(async () =>
        {
            try
            {
                var stream = await response.Content.ReadAsStreamAsync(stop.Token);
                await foreach (var item in SseParser.Create(stream).EnumerateAsync(stop.Token))
                {
                    await items.Writer.WriteAsync(item, stop.Token);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException)
            {
            }
            finally
            {
                items.Writer.TryComplete();
            }
        });
    }

    public static async Task<EventStream> Open(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            // Only a refusal has a body that ends; a stream's body never does.
            Assert.Fail($"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new EventStream(response);
    }

    /// <summary>The next event of type <paramref name="eventType"/> whose data satisfies <paramref name="match"/>; others are skipped.</summary>
    public async Task<JsonElement> Next(string eventType, Func<JsonElement, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var item = await items.Reader.ReadAsync(cts.Token);
                if (item.EventType != eventType)
                {
                    continue;
                }

                var data = JsonDocument.Parse(item.Data).RootElement.Clone();
                if (match is null || match(data))
                {
                    return data;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No '{eventType}' event matching the condition arrived in time.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        response.Dispose();
        await pump;
        stop.Dispose();
    }
}
