using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dealership.Integration.Tests.Infrastructure;

public static class Http
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Every item of a paged list ({ items, next }), read page by page through its cursors.</summary>
    public static async Task<JsonElement> All(this HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        string? after = null;
        do
        {
            var page = await (await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "limit=500" + (after is null ? "" : "&after=" + after)))
                .Json(HttpStatusCode.OK);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        return JsonSerializer.SerializeToElement(items);
    }

    /// <summary>Asserts an RFC 9457 ProblemDetails with the given status, and returns it.</summary>
    public static async Task<JsonElement> Problem(this HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Json(expected);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: DealershipSystem.Json) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> Put(this HttpClient client, string url, object body) =>
        client.PutAsync(url, JsonContent.Create(body, options: DealershipSystem.Json));

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, global::System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutRaw(this HttpClient client, string url, string json) =>
        client.PutAsync(url, new StringContent(json, global::System.Text.Encoding.UTF8, "application/json"));
}
