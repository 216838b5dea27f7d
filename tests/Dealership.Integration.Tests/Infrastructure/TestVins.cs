using Dealership.Contracts.Vehicles;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>Fresh VINs with a valid check digit; each caller keeps its own prefix so suites sharing a database never draw the same car.</summary>
public static class TestVins
{
    /// <summary>A VIN of <paramref name="prefix"/> (10 characters, the 9th a placeholder for the check digit) and 7 random digits.</summary>
    public static string New(string prefix)
    {
        var body = $"{prefix}{Random.Shared.Next(1_000_000, 9_999_999)}";
        return body[..8] + Vin.CheckDigit(body) + body[9..];
    }
}
