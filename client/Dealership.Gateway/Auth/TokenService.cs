using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Dealership.Contracts.Staff;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dealership.Gateway.Auth;

/// <summary>Issues signed staff tokens, short-lived SSE tickets and derives board-token secrets.</summary>
public sealed class TokenService(IOptions<AuthSettings> options, TimeProvider clock)
{
    public const string StaffAudience = "dealership-staff";
    public const string TicketAudience = "dealership-sse";

    private readonly AuthSettings settings = options.Value;

    /// <summary>Signs everything new.</summary>
    public SymmetricSecurityKey Key { get; } = KeyOf(options.Value.SigningKey);

    /// <summary>Verifies: the current key, and during a rotation the previous one (a token names its key by id).</summary>
    public IReadOnlyList<SymmetricSecurityKey> ValidationKeys { get; } =
        options.Value.PreviousSigningKey is { Length: > 0 } previous && previous != options.Value.SigningKey
            ? [KeyOf(options.Value.SigningKey), KeyOf(previous)]
            : [KeyOf(options.Value.SigningKey)];

    public static SymmetricSecurityKey KeyOf(string secret) => new(Encoding.UTF8.GetBytes(secret)) { KeyId = Trust.SigningKeys.IdOf(secret) };

    public (string Token, DateTimeOffset Expires) IssueStaffToken(Caller caller, int revision) =>
        Issue(caller, revision, StaffClaims.StaffKind, StaffAudience, TimeSpan.FromHours(settings.TokenHours), null);

    /// <summary>A partner's token (OAuth 2 client credentials): acts as the API client, within the scopes granted.</summary>
    public (string Token, DateTimeOffset Expires) IssueClientToken(Caller client, int revision, IReadOnlyList<string> scopes) =>
        Issue(client, revision, StaffClaims.ClientKind, StaffAudience, TimeSpan.FromMinutes(settings.ClientTokenMinutes), null,
            new Claim(StaffClaims.Scope, string.Join(' ', scopes)));

    /// <summary>A ticket for one store's event stream, for browsers (EventSource cannot send headers).</summary>
    public (string Token, DateTimeOffset Expires) IssueTicket(Caller caller, int revision, string storeId) =>
        Issue(caller, revision, StaffClaims.TicketKind, TicketAudience, TimeSpan.FromSeconds(settings.TicketSeconds), storeId);

    private (string, DateTimeOffset) Issue(Caller caller, int revision, string kind, string audience, TimeSpan lifetime, string? storeId,
        params Claim[] more)
    {
        var now = clock.GetUtcNow();
        var claims = StaffClaims.For(caller, revision, kind).Concat(more).ToList();
        if (storeId is not null)
        {
            claims.Add(new(StaffClaims.TicketStore, storeId));
        }

        var expires = now + lifetime;
        var token = new JwtSecurityToken(settings.Issuer, audience, claims, now.UtcDateTime, expires.UtcDateTime,
            new SigningCredentials(Key, SecurityAlgorithms.HmacSha256));
        return (new JwtSecurityTokenHandler().WriteToken(token), expires);
    }

    /// <summary>
    /// A board token is "{storeId}.{tokenId}.{mac}": the mac is derived from the signing key, so no secret
    /// is stored anywhere and every gateway can check it; revocation is kept by the store's board-token grain.
    /// </summary>
    public string BoardToken(string storeId, string tokenId) => $"{storeId}.{tokenId}.{Mac(Key, storeId, tokenId)}";

    public (string StoreId, string TokenId)? ReadBoardToken(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        var presented = Encoding.ASCII.GetBytes(parts[2]);
        return ValidationKeys.Any(key => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, parts[0], parts[1])), presented))
            ? (parts[0], parts[1])
            : null;
    }

    /// <summary>A token id derived from the request's Idempotency-Key, so a retried issue lands on the same token.</summary>
    public static string TokenIdFrom(string? idempotencyKey, string storeId, string staffId)
    {
        var source = idempotencyKey is null ? Guid.NewGuid().ToString("N") : $"{storeId}:{staffId}:{idempotencyKey}";
        return "bt" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
    }

    private static string Mac(SymmetricSecurityKey key, string storeId, string tokenId) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(key.Key, Encoding.UTF8.GetBytes($"board:{storeId}:{tokenId}")));
}
