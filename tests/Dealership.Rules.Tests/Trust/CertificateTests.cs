using Dealership.Gateway.Health;
using Dealership.Trust;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dealership.Rules.Tests.Trust;

public sealed class CertificateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 1, 0, 0, TimeSpan.Zero);

    private static readonly System.Security.Cryptography.X509Certificates.X509Certificate2 Authority =
        ClusterCertificates.CreateAuthority("Test authority", Now.AddYears(-1), Now.AddYears(5));

    [Fact]
    public void A_certificate_of_the_installation_is_accepted_and_a_strangers_or_an_expired_one_is_not()
    {
        var installation = new ClusterCertificates(Authority, ClusterCertificates.Issue(Authority, "silo", ["127.0.0.1"], Now.AddDays(-1), Now.AddYears(1)));
        var stranger = ClusterCertificates.CreateAuthority("Stranger", Now.AddYears(-1), Now.AddYears(5));

        Assert.Null(installation.Refusal(ClusterCertificates.Issue(Authority, "gateway", [], Now.AddDays(-1), Now.AddYears(1)), Now));
        Assert.Contains("not issued by this installation's authority",
            installation.Refusal(ClusterCertificates.Issue(stranger, "gateway", [], Now.AddDays(-1), Now.AddYears(1)), Now));
        Assert.Contains("not valid now", installation.Refusal(ClusterCertificates.Issue(Authority, "gateway", [], Now.AddDays(-30), Now.AddDays(-1)), Now));
        Assert.Contains("not valid now", installation.Refusal(ClusterCertificates.Issue(Authority, "gateway", [], Now.AddDays(1), Now.AddYears(1)), Now));
    }

    [Theory]
    [InlineData(60, HealthStatus.Healthy)]
    [InlineData(10, HealthStatus.Degraded)]
    [InlineData(-1, HealthStatus.Unhealthy)]
    public async Task Health_warns_thirty_days_before_a_certificate_expires(int daysLeft, HealthStatus expected)
    {
        var own = ClusterCertificates.Issue(Authority, "gateway", [], Now.AddDays(-100), Now.AddDays(daysLeft));
        var services = new ServiceCollection().AddSingleton(new ClusterTls(new ClusterCertificates(Authority, own), TimeProvider.System)).BuildServiceProvider();
        var check = new CertificateHealthCheck(services, new ConfigurationBuilder().Build(), new FixedTime(Now));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(expected, result.Status);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
