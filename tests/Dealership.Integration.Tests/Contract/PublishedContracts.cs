namespace Dealership.Integration.Tests.Contract;

/// <summary>
/// The documents of the build under test: every gateway of a run serves the same ones, so each version's is read once, for
/// the endpoint harness (<see cref="ContractHandler"/>) and the browser tests' watch alike.
/// </summary>
public static class PublishedContracts
{
    private static readonly SemaphoreSlim Loading = new(1, 1);
    private static readonly Dictionary<string, ApiContract> Contracts = [];

    /// <summary>The version the path belongs to.</summary>
    public static string VersionOf(string path) => path.StartsWith("/api/v2/", StringComparison.Ordinal) ? "v2" : "v1";

    public static async Task<ApiContract> Of(Uri gateway, string version, CancellationToken cancellationToken = default)
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
