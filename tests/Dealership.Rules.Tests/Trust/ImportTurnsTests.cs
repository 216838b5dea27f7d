using Dealership.Gateway.Http;

namespace Dealership.Rules.Tests.Trust;

/// <summary>A gateway's import turns: as many uploads at once as the setting says, the next refused until one ends.</summary>
public sealed class ImportTurnsTests
{
    [Fact]
    public void An_import_beyond_the_gateway_s_turns_is_refused_and_goes_in_once_a_turn_is_free()
    {
        using var limits = new GatewayRateLimits(new RateLimitSettings { ImportsAtOnce = 2 });
        using var first = limits.Import();
        var second = limits.Import();
        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);

        using (var third = limits.Import())
        {
            Assert.False(third.IsAcquired);
        }

        var busy = limits.ImportsBusy();
        Assert.False(busy.Allowed);
        Assert.Equal("2;imports at once per gateway", busy.Policy);
        Assert.Equal(TimeSpan.FromSeconds(30), busy.RetryAfter);

        second.Dispose();
        using var again = limits.Import();
        Assert.True(again.IsAcquired);
    }
}
