using System.Net;
using System.Net.Http.Json;
using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>One trace from the HTTP request through the grain call to the SQL the grain runs, across the two processes.</summary>
public sealed class TraceTests : IAsyncLifetime
{
    private DealershipSystem system = null!;

    public async ValueTask InitializeAsync()
    {
        system = await DealershipSystem.Create();
        system.ExtraEnvironment["Telemetry__Console"] = "true";
        await system.StartSilo();
        await system.StartGateway(seedDemo: true);
    }

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task A_request_the_gateway_receives_is_traced_through_the_grain_to_its_PostgreSQL_write()
    {
        var gateway = system.Gateways[0];
        using var client = gateway.Client(await gateway.SignIn("chaoyang-sm"));
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stores/{Demo.Chaoyang}/consultants/chaoyang-sc1/status")
        {
            Content = JsonContent.Create(new { status = "WithCustomer" }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..16]}-01");
        await (await client.SendAsync(request)).Json(HttpStatusCode.OK);

        // Spans are exported in batches: wait for the silo's SQL span of this trace.
        var silo = system.Silos[0].Process!;
        await silo.WaitForOutput(traceId, TimeSpan.FromSeconds(30));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Spans(silo.Output, traceId).Any(s => s.Contains("dealership_write_state", StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, "no PostgreSQL span of the request's trace on the silo:\n"
                + string.Join("\n---\n", Spans(silo.Output, traceId)));
            await silo.NextLine(TimeSpan.FromSeconds(30));
        }

        // A span block is printed line by line: wait for the whole server span, not just its first line.
        bool HasServerSpan(string output) => Spans(output, traceId).Any(s => s.Contains("Server", StringComparison.Ordinal));
        Assert.True(HasServerSpan(await gateway.Process!.OutputSince(0, HasServerSpan, TimeSpan.FromSeconds(30))),
            "no server span of the request's trace on the gateway");
    }

    /// <summary>The console exporter's span blocks that belong to <paramref name="traceId"/>.</summary>
    private static IEnumerable<string> Spans(string output, string traceId) =>
        output.Split("Activity.TraceId:").Where(block => block.TrimStart().StartsWith(traceId, StringComparison.Ordinal));
}
