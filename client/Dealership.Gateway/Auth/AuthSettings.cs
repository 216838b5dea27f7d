namespace Dealership.Gateway.Auth;

/// <summary>Section "Auth". Every gateway of a cluster must share <see cref="SigningKey"/>.</summary>
public sealed class AuthSettings
{
    /// <summary>HMAC-SHA256 key for staff tokens, SSE tickets and board tokens; at least 32 characters.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>The key being retired during a rotation: what it signed is still accepted; nothing new is signed with it.</summary>
    public string? PreviousSigningKey { get; set; }

    public string Issuer { get; set; } = "dealership";

    /// <summary>How long a staff token lasts: one working day.</summary>
    public int TokenHours { get; set; } = 10;

    /// <summary>How long a partner's token lasts (OAuth 2 client credentials): an hour, then the client asks again.</summary>
    public int ClientTokenMinutes { get; set; } = 60;

    /// <summary>How long an SSE ticket lasts: just long enough for a browser to open the stream.</summary>
    public int TicketSeconds { get; set; } = 60;

    /// <summary>How long a gateway trusts its last look at a staff member's standing (disabled, reassigned).</summary>
    public int StandingCacheSeconds { get; set; } = 15;

    public void Validate()
    {
        if (SigningKey.Length < 32 || PreviousSigningKey is { Length: > 0 and < 32 })
        {
            throw new InvalidOperationException(
                "Auth:SigningKey (environment Auth__SigningKey) must be set to at least 32 characters, the same on every gateway (and Auth:PreviousSigningKey, if set).");
        }
    }
}
