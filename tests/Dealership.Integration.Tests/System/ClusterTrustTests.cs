using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Integration.Tests.Infrastructure;
using Dealership.Trust;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The cluster's own door, tried as an intruder on the store's network would: the silo's gateway port with no certificate, a
/// stranger's, an expired one; then with a stolen certificate but no signing key; then the gateway's and the operator's limits.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ClusterTrustTests(SystemFixture fixture)
{
    private DealershipSystem.Silo Silo => fixture.System.Silos[0];

    public static TheoryData<string> Strangers => ["none", "another authority's", "expired"];

    [Theory]
    [MemberData(nameof(Strangers))]
    public async Task A_client_without_a_valid_certificate_of_the_installation_cannot_connect(string certificate)
    {
        var before = Silo.Process!.Output.Length;
        var now = DateTimeOffset.UtcNow;
        var presented = certificate switch
        {
            "none" => null,
            "another authority's" => Certificates(ClusterCertificates.CreateAuthority("Intruder authority", now.AddDays(-1), now.AddYears(1)), now.AddDays(-1), now.AddYears(1)),
            _ => Expired(InstallationAuthority()),
        };

        // An intruder's client trusts whatever silo answers; the silo is the one that must say no.
        await Assert.ThrowsAnyAsync<Exception>(() => DirectClient.Connect(fixture.System, Silo.GatewayPort, presented, trustAnySilo: true));

        // The silo says why it hung up; the line may reach us a moment after the client has given up.
        string[] expected = certificate switch
        {
            "none" => ["Authentication failed"],
            "expired" => ["Refused a cluster connection", "is not valid now"],
            _ => ["Refused a cluster connection", "was not issued by this installation's authority"],
        };
        var log = await Silo.Process.OutputSince(before, l => expected.All(e => l.Contains(e, StringComparison.Ordinal)), TimeSpan.FromSeconds(15));
        Assert.All(expected, e => Assert.True(log.Contains(e, StringComparison.Ordinal), $"'{e}' not in the silo's log:\n" + log));
    }

    [Fact]
    public async Task A_client_with_a_stolen_certificate_but_no_signing_key_reads_nothing()
    {
        await using var intruder = await DirectClient.Connect(fixture.System, Silo.GatewayPort, Installation.GatewayCertificates());
        var store = intruder.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang));
        var hq = new Caller("huaxia-hq", Demo.Group, StaffRole.GroupHq, [], true, "HQ");
        var otherKey = new SigningKeys("a-key-the-installation-never-issued-0123456789");
        var before = fixture.System.Silos.Select(s => s.Process!.Output.Length).ToArray();
        string[] assertions =
        [
            CallerAssertion.Sign(hq, 1, DateTimeOffset.UtcNow.AddMinutes(1), otherKey),
            CallerAssertion.Sign(hq, 1, DateTimeOffset.UtcNow.AddMinutes(-5), Installation.CallerKeys),
            CallerAssertion.Sign(Caller.Platform("intruder"), 0, DateTimeOffset.UtcNow.AddMinutes(1), Installation.CallerKeys),
        ];

        // A caller put in the request context as it is, as release 7 accepted it: the platform, then a forged HQ member.
        foreach (var forged in new[] { Caller.Platform("intruder"), hq })
        {
            Caller.Set(forged);
            try
            {
                await Assert.ThrowsAsync<CallerRefusedException>(() => store.Get());
            }
            finally
            {
                Caller.Set(null);
            }
        }

        // Signed, but by a key the silos do not hold, too long ago, or as the operator with the gateways' key.
        foreach (var assertion in assertions)
        {
            CallerAssertion.Attach(assertion);
            try
            {
                var refused = await Assert.ThrowsAsync<CallerRefusedException>(() => store.Get());
                Assert.False(refused.OutsideScope);
            }
            finally
            {
                CallerAssertion.Attach(null);
            }
        }

        // Refusals are logged by the silo that hosts the grain, whichever it is; a log line reaches us a moment after the call.
        string[] expected = ["the call carried no signed caller", "is not signed by a key this silo holds", "has expired"];
        string Log() => string.Concat(fixture.System.Silos.Select((silo, i) => silo.Process!.Output[before[i]..]));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!expected.All(e => Log().Contains(e, StringComparison.Ordinal)) && DateTimeOffset.UtcNow < deadline)
        {
            var lines = fixture.System.Silos.Select(silo => silo.Process!.NextLine(TimeSpan.FromSeconds(15)));
            await Task.WhenAny(lines);
        }

        var log = Log();
        Assert.Contains("the call carried no signed caller", log);
        Assert.Contains("is not signed by a key this silo holds", log);
        Assert.Contains("has expired", log);
        Assert.All(assertions, a => Assert.DoesNotContain(a.Split('.')[3], log));
    }

    [Fact]
    public async Task A_gateway_acting_as_itself_may_call_only_its_listed_duties()
    {
        await using var client = await DirectClient.Connect(fixture.System, Silo.GatewayPort, Installation.GatewayCertificates());
        CallerAssertion.Attach(CallerAssertion.Sign(Caller.Gateway("test"), 0, DateTimeOffset.UtcNow.AddMinutes(1), Installation.CallerKeys));
        try
        {
            Assert.NotEmpty(await client.Cluster.GetGrain<IHealthGrain>(0).Ping());
            Assert.True((await client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang)).Get()).IsOk);

            // Not a gateway's duty: changing a store's policies, disabling staff, reading the audit of a member.
            var store = client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang));
            await Assert.ThrowsAsync<CallerRefusedException>(() => store.ChangePolicies(new StorePoliciesChange { VatRate = 0.01m }));
            var member = client.Cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(Demo.Group, "chaoyang-sc1"));
            await Assert.ThrowsAsync<CallerRefusedException>(() => member.SetDisabled(true));
            await Assert.ThrowsAsync<CallerRefusedException>(() => member.GetHistory(new PageRequest(10, null)));
        }
        finally
        {
            CallerAssertion.Attach(null);
        }

        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var sc1 = await (await admin.GetAsync($"/api/groups/{Demo.Group}/staff/chaoyang-sc1")).Json(HttpStatusCode.OK);
        Assert.False(sc1.GetProperty("disabled").GetBoolean());
        var chaoyang = await (await admin.GetAsync($"/api/stores/{Demo.Chaoyang}")).Json(HttpStatusCode.OK);
        Assert.NotEqual(0.01m, chaoyang.GetProperty("policies").GetProperty("vatRate").GetDecimal());
    }

    [Fact]
    public async Task The_operator_signs_with_its_own_key_and_each_of_its_calls_is_audited()
    {
        await using var client = await DirectClient.Connect(fixture.System, Silo.GatewayPort, Installation.GatewayCertificates());
        var name = "ops " + Guid.NewGuid().ToString("N")[..8];
        CallerAssertion.Attach(CallerAssertion.Sign(Caller.Platform(name), 0, DateTimeOffset.UtcNow.AddMinutes(1), Installation.OperatorKeys));
        try
        {
            Assert.True((await client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Haidian)).Get()).IsOk);
        }
        finally
        {
            CallerAssertion.Attach(null);
        }

        Assert.Equal("IStoreGrain.Get", await fixture.System.Database.Scalar<string>(
            "SELECT what FROM audit_trail WHERE subject = 'operator-call' AND by = @by AND store_id = @store", ("by", $"platform ({name})"), ("store", Demo.Haidian)));
    }

    [Fact]
    public async Task A_partner_s_client_is_admitted_in_its_role_and_stores_never_as_an_administrator_and_not_once_revoked()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        async Task<string> Register() => (await (await admin.Post($"/api/groups/{Demo.Group}/api-clients", new
        {
            name = "Trust partner",
            role = "SalesManager",
            storeIds = new[] { Demo.Hexi },
            wholeGroup = false,
            scopes = new[] { "groups-and-stores:read" },
        })).Json(HttpStatusCode.Created)).GetProperty("clientId").GetString()!;
        var (kept, revoked) = (await Register(), await Register());
        await (await admin.PostAsync($"/api/groups/{Demo.Group}/api-clients/{revoked}/revoke", null)).Json(HttpStatusCode.OK);

        await using var client = await DirectClient.Connect(fixture.System, Silo.GatewayPort, Installation.GatewayCertificates());
        var hexi = client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Hexi));
        var chaoyang = client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Chaoyang));
        Caller Partner(string id, StaffRole role) => new(id, Demo.Group, role, [Demo.Hexi], false, "Trust partner", CallerKind.Partner);
        async Task<T> As<T>(Caller caller, Func<Task<T>> call)
        {
            CallerAssertion.Attach(CallerAssertion.Sign(caller, 1, DateTimeOffset.UtcNow.AddMinutes(1), Installation.CallerKeys));
            try
            {
                return await call();
            }
            finally
            {
                CallerAssertion.Attach(null);
            }
        }

        Assert.True((await As(Partner(kept, StaffRole.SalesManager), hexi.Get)).IsOk);
        Assert.True((await Assert.ThrowsAsync<CallerRefusedException>(() => As(Partner(kept, StaffRole.SalesManager), chaoyang.Get))).OutsideScope);

        // Signed as the gateway would, yet claiming what no client may be or naming a client that is gone.
        await Assert.ThrowsAsync<CallerRefusedException>(() => As(Partner(kept, StaffRole.Administrator), hexi.Get));
        await Assert.ThrowsAsync<CallerRefusedException>(() => As(Partner(revoked, StaffRole.SalesManager), hexi.Get));
        await Assert.ThrowsAsync<CallerRefusedException>(() => As(Partner("pc00000000000000ff", StaffRole.SalesManager), hexi.Get));
    }

    [Fact]
    public async Task A_member_disabled_at_the_gateway_is_refused_by_the_silo_within_the_standing_period()
    {
        using var admin = fixture.A.Client(await fixture.A.SignIn("huaxia-admin"));
        var username = $"t{Guid.NewGuid():N}"[..14];
        await (await admin.Post($"/api/groups/{Demo.Group}/staff", new
        {
            username,
            displayName = "Trust test",
            role = "SalesConsultant",
            storeIds = new[] { Demo.Hexi },
            wholeGroup = false,
            password = "a-good-long-password",
        })).Json(HttpStatusCode.Created);

        // What a gateway sends for this member, kept by someone who captured it before the member was disabled.
        await using var client = await DirectClient.Connect(fixture.System, Silo.GatewayPort, Installation.GatewayCertificates());
        var member = client.Cluster.GetGrain<IStaffGrain>(GrainKeys.InGroup(Demo.Group, username));
        CallerAssertion.Attach(CallerAssertion.Sign(Caller.Gateway("test"), 0, DateTimeOffset.UtcNow.AddMinutes(1), Installation.CallerKeys));
        var revision = (await member.GetStanding()).Revision;
        var caller = new Caller(username, Demo.Group, StaffRole.SalesConsultant, [Demo.Hexi], false, "Trust test");
        CallerAssertion.Attach(CallerAssertion.Sign(caller, revision, DateTimeOffset.UtcNow.AddMinutes(2), Installation.CallerKeys));
        try
        {
            var store = client.Cluster.GetGrain<IStoreGrain>(GrainKeys.Store(Demo.Hexi));
            Assert.True((await store.Get()).IsOk);

            await (await admin.PostAsync($"/api/groups/{Demo.Group}/staff/{username}/disable", null)).Json(HttpStatusCode.OK);
            var disabled = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await store.Get();
                }
                catch (CallerRefusedException)
                {
                    break;
                }

                Assert.True(disabled.Elapsed < TimeSpan.FromSeconds(16), "the silo still accepted the disabled member after its standing period (15 s)");
                await Task.Delay(250);
            }
        }
        finally
        {
            CallerAssertion.Attach(null);
        }
    }

    [Fact]
    public async Task A_token_signed_with_the_previous_key_works_until_that_key_retires()
    {
        const string newKey = "the-rotated-signing-key-0123456789abcdef-0123";
        var oldToken = await fixture.A.SignIn("chaoyang-sm");
        await using var rotating = new DealershipSystem.Gateway(fixture.System, Repo.FreePort(), false,
            ("Auth__SigningKey", newKey), ("Auth__PreviousSigningKey", DealershipSystem.SigningKey));
        await rotating.Start();
        using (var old = rotating.Client(oldToken))
        {
            await (await old.GetAsync($"/api/stores/{Demo.Chaoyang}")).Json(HttpStatusCode.OK);
        }

        var newToken = await rotating.SignIn("chaoyang-sm");
        await using var rotated = new DealershipSystem.Gateway(fixture.System, Repo.FreePort(), false, ("Auth__SigningKey", newKey));
        await rotated.Start();
        using (var fresh = rotated.Client(newToken))
        {
            await (await fresh.GetAsync($"/api/stores/{Demo.Chaoyang}")).Json(HttpStatusCode.OK);
        }

        using var retired = rotated.Client(oldToken);
        await (await retired.GetAsync($"/api/stores/{Demo.Chaoyang}")).Problem(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_gateway_refuses_to_serve_plain_HTTP_beyond_loopback_and_serves_HTTPS_with_the_installations_certificate()
    {
        var port = Repo.FreePort();
        await using (var exposed = HostProcess.Start(Repo.GatewayDll, fixture.System.Environment(
            ("Cluster__Certificate", Installation.File("gateway.crt")), ("Cluster__CertificateKey", Installation.File("gateway.key"))),
            "--urls", $"http://0.0.0.0:{port}"))
        {
            Assert.NotEqual(0, await exposed.WaitForExit(TimeSpan.FromSeconds(60)));
            Assert.Contains("Plain HTTP on http://0.0.0.0", exposed.Output);
        }

        var https = Repo.FreePort();
        await using var secure = HostProcess.Start(Repo.GatewayDll, fixture.System.Environment(
            ("Cluster__Certificate", Installation.File("gateway.crt")), ("Cluster__CertificateKey", Installation.File("gateway.key")),
            ("Kestrel__Certificates__Default__Path", Installation.File("gateway.crt")),
            ("Kestrel__Certificates__Default__KeyPath", Installation.File("gateway.key"))),
            "--urls", $"https://127.0.0.1:{https}");
        await secure.WaitForOutput("Application started", DealershipSystem.StartTimeout);
        using var authority = X509CertificateLoader.LoadCertificateFromFile(Installation.File("authority.crt"));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && Installation.GatewayCertificates().Refusal(certificate, DateTimeOffset.UtcNow) is null,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{https}") };
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static X509Certificate2 InstallationAuthority() =>
        X509Certificate2.CreateFromPemFile(Installation.File("authority.crt"), Installation.File("authority.key"));

    /// <summary>From the installation's own authority, valid for its first minute only (it was made minutes before, backdated 5 minutes).</summary>
    private static ClusterCertificates Expired(X509Certificate2 authority) =>
        Certificates(authority, new DateTimeOffset(authority.NotBefore), new DateTimeOffset(authority.NotBefore).AddMinutes(1));

    private static ClusterCertificates Certificates(X509Certificate2 authority, DateTimeOffset notBefore, DateTimeOffset notAfter) =>
        new(authority, ClusterCertificates.Issue(authority, "intruder", ["127.0.0.1"], notBefore, notAfter));
}
