using Dealership.Contracts.Vehicles;

namespace Dealership.Grains.Tests;

/// <summary>Valid, distinct VINs for tests: a counter shared by the whole test run, with the check digit computed.</summary>
public static class TestVins
{
    private static int serial;

    public static string Next()
    {
        var body = $"LSVAB22H0TB{Interlocked.Increment(ref serial):D6}";
        return body[..8] + Vin.CheckDigit(body) + body[9..];
    }
}
