using Dealership.ApiClient;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Dealership.Web.Services;

/// <summary>
/// The generated API client, with the signed-in user's token on every request. Calls go through <see cref="Call{T}"/>: a
/// refusal becomes a <see cref="Refusal"/> the screen shows; an expired token asks the user to sign in again over the screen
/// (the form underneath keeps what was typed) and the call is made again.
/// </summary>
public sealed class Api
{
    private readonly Session session;

    public Api(Session session, HttpClient http)
    {
        this.session = session;
        Client = new DealershipApi(new HttpClientRequestAdapter(new BearerToken(session), httpClient: http)
        {
            BaseUrl = http.BaseAddress!.GetLeftPart(UriPartial.Authority),
        });
    }

    public DealershipApi Client { get; }

    /// <summary>Asks the user to sign in again; true when they did. Set by the layout, which owns the dialog.</summary>
    public Func<Task<bool>>? SignInAgain { get; set; }

    public string Store => session.StoreId ?? throw new Refusal(403, "no-store", null, new Dictionary<string, string>());

    public async Task<T> Call<T>(Func<DealershipApi, Task<T>> call)
    {
        try
        {
            return await call(Client);
        }
        catch (ApiException e) when (e.ResponseStatusCode == 401 && SignInAgain is { } again)
        {
            if (!await again())
            {
                throw Refusal.From(e);
            }
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            throw Refusal.From(e);
        }

        try
        {
            return await call(Client);
        }
        catch (Exception e) when (e is ApiException or HttpRequestException)
        {
            throw Refusal.From(e);
        }
    }

    private sealed class BearerToken(Session session) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default)
        {
            if (session.Token is { } token)
            {
                request.Headers.TryAdd("Authorization", $"Bearer {token}");
            }

            return Task.CompletedTask;
        }
    }
}
