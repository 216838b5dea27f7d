using System.Globalization;
using System.Threading.RateLimiting;
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

    /// <summary>Sign-in attempts a minute for one username, whoever makes them.</summary>
    public int SignInPerUsernamePerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts a minute from one address: higher, so a store's staff behind one NAT are not locked out together.</summary>
    public int SignInPerAddressPerMinute { get; set; } = 300;
}

/// <summary>Which limit a request counts against, and what it says in the answer's headers.</summary>
public sealed record RateLimitVerdict(bool Allowed, int Limit, int Remaining, TimeSpan RetryAfter, string Policy);

/// <summary>
/// The gateway's limiters: a token bucket per member of staff (their token's subject), fixed one-minute windows per sign-in
/// username and per address. In memory: each gateway counts its own traffic.
/// </summary>
public sealed class GatewayRateLimits(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> staff = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.StaffBurst,
            TokensPerPeriod = settings.StaffPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<string> signInByUsername = Window(settings.SignInPerUsernamePerMinute);

    private readonly PartitionedRateLimiter<string> signInByAddress = Window(settings.SignInPerAddressPerMinute);

    public RateLimitVerdict Staff(string staffId) =>
        Acquire(staff, staffId, settings.StaffBurst, TimeSpan.FromSeconds(1), $"{settings.StaffBurst};w=1;burst;staff {settings.StaffPerSecond}/s");

    public RateLimitVerdict SignInFrom(string address) =>
        Acquire(signInByAddress, address, settings.SignInPerAddressPerMinute, TimeSpan.FromMinutes(1), $"{settings.SignInPerAddressPerMinute};w=60;sign-in per address");

    public RateLimitVerdict SignInAs(string username) =>
        Acquire(signInByUsername, username, settings.SignInPerUsernamePerMinute, TimeSpan.FromMinutes(1), $"{settings.SignInPerUsernamePerMinute};w=60;sign-in per username");

    public void Dispose()
    {
        staff.Dispose();
        signInByUsername.Dispose();
        signInByAddress.Dispose();
    }

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
                verdict = limits.Staff(staff.Caller.StaffId);
                what = "this member of staff's requests";
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

    private static bool IsSignIn(HttpRequest request) =>
        request.Path.Equals(ApiVersions.PrefixOf(ApiVersion.V1) + "/auth/token", StringComparison.OrdinalIgnoreCase)
        || request.Path.Equals(ApiVersions.PrefixOf(ApiVersion.V2) + "/auth/token", StringComparison.OrdinalIgnoreCase);

    // An event stream is one long request per screen: it is not counted against the rate of short ones.
    private static bool IsEventStream(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Value?.EndsWith("/events", StringComparison.Ordinal) == true;
}
