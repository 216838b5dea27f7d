using System.Net;

namespace Dealership.Silo;

/// <summary>Settings of one silo process (section "Orleans"; environment variables Orleans__SiloPort, ...).</summary>
public sealed class SiloSettings
{
    /// <summary>Cluster membership is shared by silos and gateways with the same ClusterId.</summary>
    public string ClusterId { get; set; } = "dealership";

    /// <summary>Part of every stored state and reminder key: never change it on a live system.</summary>
    public string ServiceId { get; set; } = "dealership";

    /// <summary>Silo-to-silo port; give each silo on one machine its own.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port gateways (Orleans clients) connect to; give each silo on one machine its own.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and gateways use to reach this silo.</summary>
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>The address the silo listens on: the advertised one unless set ("0.0.0.0" for every address of the machine).</summary>
    public string? ListenIP { get; set; }

    public IPAddress ListenAddress => ListenIP is { Length: > 0 } ip
        ? IPAddress.TryParse(ip, out var listen) ? listen : throw new InvalidOperationException($"Orleans:ListenIP '{ip}' is not an IP address.")
        : AdvertisedAddress;

    public IPAddress AdvertisedAddress =>
        IPAddress.TryParse(AdvertisedIP, out var address)
            ? address
            : throw new InvalidOperationException($"Orleans:AdvertisedIP '{AdvertisedIP}' is not an IP address.");
}
