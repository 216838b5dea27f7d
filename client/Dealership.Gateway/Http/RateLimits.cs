using System.Globalization;
using System.Threading.RateLimiting;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;

namespace Dealership.Gateway.Http;

/// <summary>Section "RateLimits": the published limits, enforced by each gateway on its own (a group with two gateways allows twice).</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Requests a second a member of staff's token may sustain…</summary>
    public int StaffPerSecond { get; set; } = 20;

    /// <summary>…and the burst it may spend at once.</summary>
    public int StaffBurst { get; set; } = 40;

    /// <summary>Requests a second an API client may sustain, over all its tokens: a partner system syncs in bulk…</summary>
    public int ClientPerSecond { get; set; } = 50;

    /// <summary>…and the burst it may spend at once.</summary>
    public int ClientBurst { get; set; } = 100;

    /// <summary>Sign-in attempts a minute for one username (or token requests for one API client), whoever makes them.</summary>
    public int SignInPerUsernamePerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts a minute from one address: higher, so a store's staff behind one NAT are not locked out together.</summary>
    public int SignInPerAddressPerMinute { get; set; } = 300;

    /// <summary>
    /// Imports a gateway reads at once: each spools a file of up to 64 MB to disk and keeps a silo busy for up to a minute, so a
    /// burst of uploads waits its turn rather than filling the disk and the silos.
    /// </summary>
    public int ImportsAtOnce { get; set; } = 4;
}

/// <summary>Which limit a request counts against, and what it says in the answer's headers.</summary>
public sealed record RateLimitVerdict(bool Allowed, int Limit, int Remaining, TimeSpan RetryAfter, string Policy);

/// <summary>
/// The gateway's limiters: a token bucket per member of staff (their token's subject) and per API client, fixed one-minute windows per sign-in
/// username and per address. In memory: each gateway counts its own traffic.
/// </summary>
public sealed class GatewayRateLimits(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> staff = Bucket(settings.StaffBurst, settings.StaffPerSecond);

    private readonly PartitionedRateLimiter<string> clients = Bucket(settings.ClientBurst, settings.ClientPerSecond);

    private readonly PartitionedRateLimiter<string> signInByUsername = Window(settings.SignInPerUsernamePerMinute);

    private readonly PartitionedRateLimiter<string> signInByAddress = Window(settings.SignInPerAddressPerMinute);

    private readonly ConcurrencyLimiter imports = new(new ConcurrencyLimiterOptions { PermitLimit = Math.Max(1, settings.ImportsAtOnce), QueueLimit = 0 });

    public RateLimitVerdict Staff(string staffId) =>
        Acquire(staff, staffId, settings.StaffBurst, TimeSpan.FromSeconds(1), $"{settings.StaffBurst};w=1;burst;staff {settings.StaffPerSecond}/s");

    public RateLimitVerdict Client(string clientId) =>
        Acquire(clients, clientId, settings.ClientBurst, TimeSpan.FromSeconds(1), $"{settings.ClientBurst};w=1;burst;API client {settings.ClientPerSecond}/s");

    public RateLimitVerdict SignInFrom(string address) =>
        Acquire(signInByAddress, address, settings.SignInPerAddressPerMinute, TimeSpan.FromMinutes(1), $"{settings.SignInPerAddressPerMinute};w=60;sign-in per address");

    public RateLimitVerdict SignInAs(string username) =>
        Acquire(signInByUsername, username, settings.SignInPerUsernamePerMinute, TimeSpan.FromMinutes(1), $"{settings.SignInPerUsernamePerMinute};w=60;sign-in per username");

    /// <summary>A turn to read an import (dispose it when the run ends), or a lease not acquired when every turn is taken.</summary>
    public RateLimitLease Import() => imports.AttemptAcquire();

    /// <summary>What a refused import's answer says: every turn is taken; uploads take tens of seconds, so try again in 30.</summary>
    public RateLimitVerdict ImportsBusy() =>
        new(false, settings.ImportsAtOnce, 0, TimeSpan.FromSeconds(30), $"{settings.ImportsAtOnce};imports at once per gateway");

    public void Dispose()
    {
        imports.Dispose();
        staff.Dispose();
        clients.Dispose();
        signInByUsername.Dispose();
        signInByAddress.Dispose();
    }

    private static PartitionedRateLimiter<string> Bucket(int burst, int perSecond) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static PartitionedRateLimiter<string> Window(int perMinute) => PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static RateLimitVerdict Acquire(PartitionedRateLimiter<string> limiter, string key, int limit, TimeSpan period, string policy)
    {
        using var lease = limiter.AttemptAcquire(key);
        var remaining = (int)(limiter.GetStatistics(key)?.CurrentAvailablePermits ?? 0);
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : period;
        return new RateLimitVerdict(lease.IsAcquired, limit, Math.Max(0, remaining), retryAfter, policy);
    }
}

/// <summary>Answers with the limit's headers, and a 429 ProblemDetails with <c>Retry-After</c> when it is spent.</summary>
public static class RateLimitAnswers
{
    public static void WriteHeaders(HttpResponse response, RateLimitVerdict verdict)
    {
        response.Headers["RateLimit-Policy"] = verdict.Policy;
        response.Headers["RateLimit-Limit"] = verdict.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Remaining"] = verdict.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["RateLimit-Reset"] = Seconds(verdict.RetryAfter);
    }

    public static IResult TooMany(HttpContext http, RateLimitVerdict verdict, string what)
    {
        WriteHeaders(http.Response, verdict);
        http.Response.Headers.RetryAfter = Seconds(verdict.RetryAfter);
        return TypedResults.Problem($"Too many requests: {what}. Try again in {Seconds(verdict.RetryAfter)} s.", statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests", extensions: new Dictionary<string, object?> { ["code"] = "rate-limited" });
    }

    private static string Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

/// <summary>Counts each request against its limit: staff requests by their token's member, sign-ins by address (the username is counted by sign-in itself).</summary>
public static class RateLimitSetup
{
    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<GatewayRateLimits>();
        return builder;
    }

    public static WebApplication UseRateLimits(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var limits = http.RequestServices.GetRequiredService<GatewayRateLimits>();
            var request = http.Request;
            RateLimitVerdict? verdict = null;
            string what = "";
            if (HttpMethods.IsPost(request.Method) && IsSignIn(request))
            {
                verdict = limits.SignInFrom(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                what = "sign-in attempts from this address";
            }
            else if (request.Path.StartsWithSegments("/api") && !IsEventStream(request) && StaffClaims.Read(http.User) is { } staff)
            {
                (verdict, what) = staff.Caller.Kind == CallerKind.Partner
                    ? (limits.Client(staff.Caller.StaffId), "this API client's requests")
                    : (limits.Staff(staff.Caller.StaffId), "this member of staff's requests");
            }

            if (verdict is null)
            {
                await next(http);
                return;
            }

            if (!verdict.Allowed)
            {
                await RateLimitAnswers.TooMany(http, verdict, what).ExecuteAsync(http);
                return;
            }

            RateLimitAnswers.WriteHeaders(http.Response, verdict);
            await next(http);
        });
        return app;
    }

    // A partner's token request is a sign-in too: counted per address here, and per client id by the token endpoint.
    private static bool IsSignIn(HttpRequest request) =>
        new[] { ApiVersion.V1, ApiVersion.V2 }.Any(v => request.Path.Equals(ApiVersions.PrefixOf(v) + "/auth/token", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals(ApiVersions.PrefixOf(v) + "/oauth/token", StringComparison.OrdinalIgnoreCase));

    // An event stream is one long request per screen: it is not counted against the rate of short ones.
    private static bool IsEventStream(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true;
}
