using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dealership.Grains.Partners;
using Dealership.Trust;

namespace Dealership.Rules.Tests.Partners;

public sealed class WebhookRulesTests
{
    private static readonly SigningKeys Seal = new("the-seal-key-of-these-tests-0123456789abcdef");

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.16.0.1", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("192.168.1.20", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2001:4860:4860::8888", false)]
    public void Loopback_private_and_link_local_addresses_are_inside(string address, bool inside) =>
        Assert.Equal(inside, WebhookTargets.IsPrivate(IPAddress.Parse(address)));

    [Fact]
    public async Task A_private_address_is_refused_unless_the_installation_allows_it()
    {
        using var closed = new WebhookTargets(new WebhookSettings(), null);
        Assert.Contains("private", await closed.Refusal(new Uri("https://10.0.0.5/hooks")));
        Assert.Contains("private", await closed.Refusal(new Uri("https://[::1]:8443/hooks")));
        Assert.Null(await closed.Refusal(new Uri("https://8.8.8.8/hooks")));

        using var open = new WebhookTargets(new WebhookSettings { AllowPrivateTargets = true }, null);
        Assert.Null(await open.Refusal(new Uri("https://10.0.0.5/hooks")));
    }

    [Fact]
    public void A_sealed_secret_opens_only_with_the_seal_key_and_does_not_show_the_secret()
    {
        var secrets = new WebhookSecrets(Seal);
        var secret = WebhookSecrets.New();
        var sealedSecret = secrets.Seal(secret);
        Assert.DoesNotContain(secret[WebhookSecrets.Prefix.Length..], sealedSecret, StringComparison.Ordinal);
        Assert.Equal(secret, secrets.Open(sealedSecret));

        // After a rotation of the seal key (the old one kept as previous), secrets sealed before still open.
        var rotated = new WebhookSecrets(new SigningKeys("a-new-seal-key-of-these-tests-0123456789ab", "the-seal-key-of-these-tests-0123456789abcdef"));
        Assert.Equal(secret, rotated.Open(sealedSecret));
        Assert.ThrowsAny<Exception>(() => new WebhookSecrets(new SigningKeys("another-installation-seal-key-0123456789abcd")).Open(sealedSecret));
    }

    [Fact]
    public void The_signature_is_standard_webhooks_and_names_both_secrets_during_a_rotation()
    {
        var (current, previous) = (WebhookSecrets.New(), WebhookSecrets.New());
        const string body = """{"id":"x"}""";
        var signature = WebhookSecrets.Signature([current, previous], "msg_1", 1_700_000_000, body);
        string Expected(string secret) => "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret[6..]),
            Encoding.UTF8.GetBytes("msg_1.1700000000." + body)));
        Assert.Equal($"{Expected(current)} {Expected(previous)}", signature);
    }

    [Fact]
    public void A_delivery_is_a_cloud_event_with_its_store_sequence_and_number_and_a_customer_only_with_personal_data()
    {
        var e = new OutgoingEvent(7, Guid.NewGuid(), "deal.signed", "bj-chaoyang-vw", 42, "dl0123", DateTimeOffset.Parse("2026-12-07T08:00:00Z"),
            """{"dealId":"dl0123"}""", """{"name":"李娜"}""");
        var plain = JsonDocument.Parse(WebhookMessage.Body(e, personalData: false)).RootElement;
        Assert.Equal("1.0", plain.GetProperty("specversion").GetString());
        Assert.Equal(e.EventId.ToString(), plain.GetProperty("id").GetString());
        Assert.Equal("/stores/bj-chaoyang-vw", plain.GetProperty("source").GetString());
        Assert.Equal("deal.signed", plain.GetProperty("type").GetString());
        Assert.Equal("00000000000000000042", plain.GetProperty("sequence").GetString());
        Assert.Equal(7, plain.GetProperty("deliverynumber").GetInt32());
        Assert.Equal("dl0123", plain.GetProperty("data").GetProperty("dealId").GetString());
        Assert.False(plain.GetProperty("data").TryGetProperty("customer", out _));

        var personal = JsonDocument.Parse(WebhookMessage.Body(e, personalData: true)).RootElement;
        Assert.Equal("李娜", personal.GetProperty("data").GetProperty("customer").GetProperty("name").GetString());
    }
}
