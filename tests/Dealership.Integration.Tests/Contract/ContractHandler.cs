namespace Dealership.Integration.Tests.Contract;

/// <summary>
/// Sits in every test client of a gateway and holds each answer to the published document (<see cref="ApiContract"/>): a
/// mismatch fails the test that made the call, naming the operation and what differs. Event streams are left alone.
/// </summary>
public sealed class ContractHandler(Uri gateway) : DelegatingHandler(new HttpClientHandler())
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static readonly Dictionary<string, ApiContract> Contracts = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var requestType = request.Content?.Headers.ContentType?.MediaType;
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // Kestrel refuses a NUL in the request target while parsing the request line: no operation is reached to answer for it.
        var refusedByServer = request.RequestUri.OriginalString.Contains("%00", StringComparison.Ordinal);
        if (!path.StartsWith("/api/", StringComparison.Ordinal) || mediaType == "text/event-stream" || refusedByServer)
        {
            return response;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers).Select(h => h.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var exchange = new Exchange(request.Method.Method, path, requestType, requestBody, (int)response.StatusCode, mediaType, body, headers);
        var version = path.StartsWith("/api/v2/", StringComparison.Ordinal) ? "v2" : "v1";
        var mismatches = (await Contract(version, cancellationToken)).Check(exchange);
        if (mismatches.Count > 0)
        {
            throw new ContractMismatchException(string.Join(Environment.NewLine, mismatches));
        }

        return response;
    }

    /// <summary>The document of the build under test: every gateway of a run serves the same one, so each version's is read once.</summary>
    private async Task<ApiContract> Contract(string version, CancellationToken cancellationToken)
    {
        await Loading.WaitAsync(cancellationToken);
        try
        {
            if (!Contracts.TryGetValue(version, out var contract))
            {
                using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
                using var document = await client.GetAsync($"/openapi/{version}.json", cancellationToken);
                var text = await document.Content.ReadAsStringAsync(cancellationToken);
                if (!document.IsSuccessStatusCode)
                {
                    throw new ContractMismatchException($"the gateway did not serve its {version} document ({(int)document.StatusCode}): {text}");
                }

                Contracts[version] = contract = ApiContract.Parse(text);
            }

            return contract;
        }
        finally
        {
            Loading.Release();
        }
    }
}

/// <summary>An answer of the API that its published OpenAPI document does not allow.</summary>
public sealed class ContractMismatchException(string message) : Exception("The API broke its OpenAPI contract:" + Environment.NewLine + message);
