using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Dealership.Trust;

namespace Dealership.Grains.Partners;

/// <summary>
/// Where deliveries may go, and the HTTP client that takes them there. A private or loopback address is refused twice: when a
/// subscription names it, and again on every connection (the name may resolve elsewhere later). The client follows no redirects
/// and trusts the public authorities and, for receivers inside the installation, the installation's own.
/// </summary>
public sealed class WebhookTargets : IDisposable
{
    private readonly WebhookSettings settings;
    private readonly X509Certificate2? installationAuthority;

    public WebhookTargets(WebhookSettings settings, ClusterCertificates? certificates)
    {
        this.settings = settings;
        installationAuthority = certificates?.Authority;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = Connect,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Trusted },
        };
        Client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds) };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("Dealership-Webhooks/1");
    }

    public HttpClient Client { get; }

    /// <summary>Null when <paramref name="url"/>'s host may receive deliveries; else why not.</summary>
    public async Task<string?> Refusal(Uri url, CancellationToken cancellation = default)
    {
        if (settings.AllowPrivateTargets)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.Host, cancellation);
        }
        catch (SocketException)
        {
            return $"'{url.Host}' does not resolve.";
        }

        return addresses.FirstOrDefault(IsPrivate) is { } inside
            ? $"'{url.Host}' is a loopback or private address ({inside}); this installation does not deliver inside its own network."
            : null;
    }

    /// <summary>Loopback, private (RFC 1918, carrier-grade NAT, unique local), link-local, unspecified or multicast.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or 127 || b[0] >= 224 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127);
    }

    public void Dispose() => Client.Dispose();

    private async ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellation);
        var allowed = settings.AllowPrivateTargets ? addresses : [.. addresses.Where(a => !IsPrivate(a))];
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"'{context.DnsEndPoint.Host}' resolves only to loopback or private addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool Trusted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Only a chain error may be forgiven, and only for a certificate the installation's own authority issued.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || installationAuthority is null || certificate is null)
        {
            return false;
        }

        using var own = new X509Chain();
        own.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        own.ChainPolicy.CustomTrustStore.Add(installationAuthority);
        own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return own.Build(new X509Certificate2(certificate));
    }
}
