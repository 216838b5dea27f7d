using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dealership.Benchmarks;

/// <summary>The gateway as the load sees it: sign-in, and requests as a member of staff.</summary>
public sealed class Api(HttpClient http)
{
    public const string Password = "demo-password-2026";

    public async Task<string> SignIn(string username, string password = Password)
    {
        using var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, object? body = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await http.SendAsync(request);
    }

    public async Task<bool> Ok(HttpMethod method, string path, string token, object? body = null, string? key = null)
    {
        using var response = await Send(method, path, token, body, key);
        return response.IsSuccessStatusCode;
    }

    public async Task<JsonElement> Json(string path, string token)
    {
        using var response = await Send(HttpMethod.Get, path, token);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Opens the demo group's stores <paramref name="storeIds"/> (Shanghai time; stores already open are kept).</summary>
    public Task Stores(string adminToken, IEnumerable<string> storeIds) =>
        Parallel.ForEachAsync(storeIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (store, _) =>
        {
            using var opened = await Send(HttpMethod.Post, "/api/groups/huaxia/stores", adminToken,
                new { storeId = store, profile = new { name = $"Bench {store}", brand = "Volkswagen", timeZoneId = "Asia/Shanghai" } });
            if (!opened.IsSuccessStatusCode && opened.StatusCode != System.Net.HttpStatusCode.Conflict)
            {
                throw new InvalidOperationException($"opening {store}: {await opened.Content.ReadAsStringAsync()}");
            }
        });

    /// <summary>Creates a general manager of the whole group (an existing one is kept).</summary>
    public async Task GroupManager(string adminToken, string username)
    {
        using var gm = await Send(HttpMethod.Post, "/api/groups/huaxia/staff", adminToken, new
        {
            username,
            displayName = "Bench GM",
            role = "GeneralManager",
            storeIds = Array.Empty<string>(),
            wholeGroup = true,
            password = Password,
        });
        if (!gm.IsSuccessStatusCode && gm.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"creating the GM: {await gm.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Creates a member of staff (an existing one is kept: creation is idempotent).</summary>
    public async Task Staff(string adminToken, string username, string role, string storeId)
    {
        using var response = await Send(HttpMethod.Post, "/api/groups/huaxia/staff", adminToken,
            new { username, displayName = username, role, storeIds = new[] { storeId }, wholeGroup = false, password = Password });
        if (!response.IsSuccessStatusCode && response.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw new InvalidOperationException($"creating {username} failed: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
