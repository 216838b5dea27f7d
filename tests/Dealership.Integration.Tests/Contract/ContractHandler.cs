namespace Dealership.Integration.Tests.Contract;

/// <summary>
/// Sits in every test client of a gateway and holds each answer to the published document (<see cref="ApiContract"/>): a
/// mismatch fails the test that made the call, naming the operation and what differs. Event streams are left alone.
/// </summary>
public sealed class ContractHandler(Uri gateway) : DelegatingHandler(new HttpClientHandler())
{
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
        var mismatches = (await PublishedContracts.Of(gateway, PublishedContracts.VersionOf(path), cancellationToken)).Check(exchange);
        if (mismatches.Count > 0)
        {
            throw new ContractMismatchException(string.Join(Environment.NewLine, mismatches));
        }

        return response;
    }
}

/// <summary>An answer of the API that its published OpenAPI document does not allow.</summary>
public sealed class ContractMismatchException(string message) : Exception("The API broke its OpenAPI contract:" + Environment.NewLine + message);
