using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dealership.Integration.Tests.Infrastructure;

/// <summary>
/// A running system on its own database: silo processes and gateway processes, started and stopped
/// the way ./run.sh does it. Waits are explicit barriers (a log line, a health answer), never sleeps.
/// </summary>
public sealed class DealershipSystem : IAsyncDisposable
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly List<Silo> silos = [];
    private readonly List<Gateway> gateways = [];

    private DealershipSystem(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    public IReadOnlyList<Silo> Silos => silos;

    public IReadOnlyList<Gateway> Gateways => gateways;

    public static async Task<DealershipSystem> Create() => new(await TestDatabase.Create());

    /// <summary>A system on a database that exists already (a restored backup).</summary>
    public static DealershipSystem On(TestDatabase database) => new(database);

    /// <summary>Settings added to every process started from now on.</summary>
    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    public Dictionary<string, string> Environment(params (string Key, string Value)[] extra)
    {
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Dealership"] = Database.ConnectionString,
            ["Auth__SigningKey"] = SigningKey,
            ["Cluster__CallerKey"] = Installation.CallerKey,
            ["Cluster__SealKey"] = Installation.SealKey,
            ["Cluster__Authority"] = Installation.File("authority.crt"),
            ["Orleans__ClusterId"] = "dealership-" + Database.Name,
            ["Feed__RenewSeconds"] = "1",
            // The tests' own pace is no customer's: limits are raised here, and RateLimitTests lowers them on a gateway of its own.
            ["RateLimits__StaffPerSecond"] = "100000",
            ["RateLimits__StaffBurst"] = "100000",
            ["RateLimits__SignInPerUsernamePerMinute"] = "100000",
            ["RateLimits__SignInPerAddressPerMinute"] = "100000",
            // Webhooks go to a receiver on loopback in the tests, and their retries come quickly.
            ["Webhooks__AllowPrivateTargets"] = "true",
            ["Webhooks__PollMilliseconds"] = "200",
            ["Webhooks__MaxBackoffSeconds"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Orleans.Runtime.Silo"] = "Information",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        };
        foreach (var (key, value) in ExtraEnvironment.Select(e => (e.Key, e.Value)).Concat(extra))
        {
            env[key] = value;
        }

        return env;
    }

    public async Task<Silo> StartSilo(int? siloPort = null, int? gatewayPort = null)
    {
        var silo = new Silo(this, siloPort ?? Repo.FreePort(), gatewayPort ?? Repo.FreePort());
        await silo.Start();
        silos.Add(silo);
        return silo;
    }

    public async Task<Gateway> StartGateway(bool seedDemo = false, int? port = null)
    {
        var gateway = new Gateway(this, port ?? Repo.FreePort(), seedDemo);
        await gateway.Start();
        gateways.Add(gateway);
        return gateway;
    }

    /// <summary>
    /// Writes every host's output so far to <c>.test-data/host-logs/&lt;name&gt;/</c>: a long fault run that fails once in
    /// several leaves what each silo and gateway said behind for a look afterwards.
    /// </summary>
    public async Task SaveLogs(string name)
    {
        var folder = Path.Combine(Repo.Root, ".test-data", "host-logs", name);
        Directory.CreateDirectory(folder);
        var hosts = silos.Select((silo, i) => ($"silo-{i}", silo.Process)).Concat(gateways.Select((gateway, i) => ($"gateway-{i}", gateway.Process)));
        foreach (var (host, process) in hosts)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, host + ".log"), process?.Output ?? "");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in gateways)
        {
            await gateway.DisposeAsync();
        }

        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    public sealed class Silo(DealershipSystem system, int siloPort, int gatewayPort) : IAsyncDisposable
    {
        public int SiloPort { get; } = siloPort;

        public int GatewayPort { get; } = gatewayPort;

        public HostProcess? Process { get; private set; }

        public async Task Start()
        {
            Process = HostProcess.Start(Repo.SiloDll, system.Environment(
                ("Orleans__SiloPort", SiloPort.ToString()), ("Orleans__GatewayPort", GatewayPort.ToString()),
                ("Cluster__Certificate", Installation.File("silo.crt")), ("Cluster__CertificateKey", Installation.File("silo.key")),
                ("Cluster__OperatorKey", Installation.OperatorKey)));
            await Process.WaitForOutput("Application started", StartTimeout);
        }

        public Task Stop() => Process!.Stop();

        public async ValueTask DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }

    /// <param name="settings">Settings of this gateway alone (a rotated key, an HTTPS address...).</param>
    public sealed class Gateway(DealershipSystem system, int port, bool seedDemo, params (string Key, string Value)[] settings) : IAsyncDisposable
    {
        public Uri BaseAddress { get; } = new($"http://127.0.0.1:{port}");

        public HostProcess? Process { get; private set; }

        public HttpClient Client(string? token = null)
        {
            // Every answer a test sees is held to the published document: a mismatch fails the test that made the call.
            var client = new HttpClient(new Contract.ContractHandler(BaseAddress)) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            if (token is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return client;
        }

        public async Task Start()
        {
            string[] args = seedDemo ? ["--urls", BaseAddress.ToString(), "--seed-demo"] : ["--urls", BaseAddress.ToString()];
            Process = HostProcess.Start(Repo.GatewayDll, system.Environment(
                [("Cluster__Certificate", Installation.File("gateway.crt")), ("Cluster__CertificateKey", Installation.File("gateway.key")), .. settings]), args);
            await Process.WaitForOutput("Application started", StartTimeout);
            await WaitUntilReady();

            if (seedDemo)
            {
                await Process.WaitForOutput("DEMO-SEEDED", StartTimeout);
            }
        }

        public Task Stop() => Process!.Stop();

        /// <summary>An explicit barrier: the gateway answers ready (a grain answered through it).</summary>
        public async Task WaitUntilReady()
        {
            using var client = Client();
            using var ready = new CancellationTokenSource(StartTimeout);
            try
            {
                while (!(await client.GetAsync("/health/ready", ready.Token)).IsSuccessStatusCode)
                {
                    // Readiness needs a silo to answer; each probe itself waits up to three seconds for one.
                    Assert.False(Process!.HasExited, "gateway exited:\n" + Process.Tail());
                }
            }
            catch (OperationCanceledException) when (ready.IsCancellationRequested)
            {
                throw new TimeoutException($"The gateway was not ready within {StartTimeout}. Its output:\n{Process!.Tail()}");
            }
        }

        public async Task<string> SignIn(string username, string password = "demo-password-2026")
        {
            using var client = Client();
            var response = await client.PostAsJsonAsync("/api/auth/token", new { username, password });
            Assert.True(response.IsSuccessStatusCode, $"sign-in of {username} failed: {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        }

        public async ValueTask DisposeAsync()
        {
            if (Process is not null)
            {
                await Process.DisposeAsync();
            }
        }
    }
}
