using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>One delivery as a partner's endpoint received it.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string ContentType, string Body)
{
    public JsonElement Event { get; } = JsonDocument.Parse(Body).RootElement.Clone();

    public long Number => Event.GetProperty("deliverynumber").GetInt64();

    public long Sequence => long.Parse(Event.GetProperty("sequence").GetString()!, global::System.Globalization.CultureInfo.InvariantCulture);

    public string Type => Event.GetProperty("type").GetString()!;

    public string Source => Event.GetProperty("source").GetString()!;

    /// <summary>Standard Webhooks' check, written here from its description: HMAC-SHA256 over "{id}.{timestamp}.{body}".</summary>
    public bool SignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return Signature.Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }
}

/// <summary>
/// A partner's HTTPS endpoint on loopback (a certificate of the installation's authority, which the silos trust for receivers
/// inside the installation). It can be taken down (connections refused) and brought back on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly List<ReceivedWebhook> received = [];
    private readonly SemaphoreSlim arrived = new(0);
    private WebApplication? app;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public string Url => $"https://127.0.0.1:{Port}/hooks";

    public static async Task<WebhookReceiver> Start()
    {
        var receiver = new WebhookReceiver(Repo.FreePort());
        await receiver.Up();
        return receiver;
    }

    public IReadOnlyList<ReceivedWebhook> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    public async Task Up()
    {
        var certificate = X509Certificate2.CreateFromPemFile(Installation.File("gateway.crt"), Installation.File("gateway.key"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port, l => l.UseHttps(certificate)));
        app = builder.Build();
        app.MapPost("/hooks", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = http.Request.Headers;
            lock (received)
            {
                received.Add(new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(),
                    headers["webhook-signature"].ToString(), http.Request.ContentType ?? "", body));
            }

            arrived.Release();
            return Results.Ok();
        });
        await app.StartAsync();
    }

    /// <summary>Stops listening: the silos' connections are refused until <see cref="Up"/>.</summary>
    public async Task Down()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    /// <summary>Waits, as deliveries arrive, until <paramref name="done"/> holds for what has been received.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitFor(Func<IReadOnlyList<ReceivedWebhook>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!done(Received))
        {
            var left = deadline - DateTimeOffset.UtcNow;
            Assert.True(left > TimeSpan.Zero && await arrived.WaitAsync(left),
                $"the deliveries awaited did not arrive; received: {string.Join(", ", Received.Select(r => $"{r.Number} {r.Type}"))}");
        }

        return Received;
    }

    public async ValueTask DisposeAsync() => await Down();
}
