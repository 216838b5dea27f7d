using System.Net;

namespace Dealership.Gateway.Http;

/// <summary>
/// Staff and partners reach the gateway over HTTPS. Plain HTTP is served only on loopback, or behind a TLS-terminating proxy
/// the installation declares (Gateway:BehindTlsProxy=true); any other plain-HTTP address stops the gateway at start. An HTTPS
/// address uses Kestrel's certificate settings (Kestrel:Certificates:Default:Path and :KeyPath, PEM).
/// </summary>
public static class HttpsSetup
{
    public static WebApplicationBuilder RequireHttpsBeyondLoopback(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Gateway:BehindTlsProxy", false))
        {
            return builder;
        }

        var urls = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var exposed = urls.Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !IsLoopback(u)).ToList();
        if (exposed.Count > 0)
        {
            throw new InvalidOperationException(
                $"Plain HTTP on {string.Join(", ", exposed)} would expose passwords and tokens: listen on https:// (Kestrel__Certificates__Default__Path " +
                "and __KeyPath name the certificate), on loopback, or set Gateway__BehindTlsProxy=true behind a TLS-terminating proxy.");
        }

        return builder;
    }

    private static bool IsLoopback(string url)
    {
        var host = url["http://".Length..].Split('/')[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
