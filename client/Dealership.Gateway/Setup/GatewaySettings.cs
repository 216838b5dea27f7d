namespace Dealership.Gateway.Setup;

/// <summary>Section "Orleans" for the gateway (an Orleans client).</summary>
public sealed class GatewaySettings
{
    /// <summary>Must match the silos' ClusterId.</summary>
    public string ClusterId { get; set; } = "dealership";

    /// <summary>Must match the silos' ServiceId.</summary>
    public string ServiceId { get; set; } = "dealership";
}
