using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dealership.Contracts.Staff;

namespace Dealership.Trust;

/// <summary>
/// The caller that travels with a client's grain call, signed: "v1.{key id}.{payload}.{mac}" (base64url). A gateway signs staff
/// callers and its own identity with the caller key; the operator's tooling signs with the operator key. The silos verify the
/// signature and the expiry before they use anything in it, so a client that can reach a silo cannot simply claim to be someone.
/// </summary>
public static partial class CallerAssertion
{
    public const string RequestContextKey = "dealership.assertion";

    /// <summary>Longer than any real assertion; anything longer is refused unread.</summary>
    public const int MaxLength = 8_192;

    private const string Version = "v1";

    /// <summary>How far a verifier's clock may be behind the signer's.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static string Sign(Caller caller, int revision, DateTimeOffset expires, SigningKeys keys)
    {
        var payload = new Payload(caller.StaffId, caller.GroupId, caller.Role, [.. caller.StoreIds], caller.WholeGroup, caller.DisplayName,
            caller.Kind, revision, expires.ToUnixTimeSeconds());
        var body = $"{Version}.{keys.CurrentId}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload, Json.Default.Payload))}";
        return $"{body}.{Base64Url.EncodeToString(keys.Sign(Encoding.ASCII.GetBytes(body)))}";
    }

    /// <summary>Puts the assertion on the calls made from this async flow (null takes it off).</summary>
    public static void Attach(string? assertion)
    {
        if (assertion is null)
        {
            RequestContext.Remove(RequestContextKey);
        }
        else
        {
            RequestContext.Set(RequestContextKey, assertion);
        }
    }

    public static string? Attached => RequestContext.Get(RequestContextKey) as string;

    /// <summary>
    /// The caller an assertion names, if it is well formed, signed by a key of the right ring (operators by
    /// <paramref name="operatorKeys"/>, everyone else by <paramref name="callerKeys"/>) and not expired. The reason never
    /// quotes the assertion, so it can be logged.
    /// </summary>
    /// <param name="checkSignature">False only with cluster security off (loopback benchmarks): the payload is read unverified.</param>
    public static Verification Verify(string? text, SigningKeys callerKeys, SigningKeys? operatorKeys, DateTimeOffset now, bool checkSignature = true)
    {
        if (text is null)
        {
            return Verification.Refused("the call carried no signed caller");
        }

        var parts = text.Length <= MaxLength ? text.Split('.') : [];
        if (parts.Length != 4 || parts[0] != Version)
        {
            return Verification.Refused("the signed caller is malformed");
        }

        Payload? payload;
        byte[] mac;
        try
        {
            payload = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(parts[2]), Json.Default.Payload);
            mac = Base64Url.DecodeFromChars(parts[3]);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return Verification.Refused("the signed caller is malformed");
        }

        if (payload is null || payload.StaffId is not { Length: > 0 } || payload.GroupId is not { Length: > 0 } || payload.Stores is null)
        {
            return Verification.Refused("the signed caller is malformed");
        }

        var ring = payload.Kind == CallerKind.Operator ? operatorKeys : callerKeys;
        var body = Encoding.ASCII.GetBytes(text[..text.LastIndexOf('.')]);
        if (checkSignature && (ring is null || !ring.Verify(parts[1], body, mac)))
        {
            return Verification.Refused(payload.Kind == CallerKind.Operator && operatorKeys is null
                ? "operator calls are not enabled on this silo"
                : $"the caller {payload.StaffId} is not signed by a key this silo holds");
        }

        if (DateTimeOffset.FromUnixTimeSeconds(payload.Expires) + ClockSkew < now)
        {
            return Verification.Refused($"the signed caller {payload.StaffId} has expired");
        }

        var caller = new Caller(payload.StaffId, payload.GroupId, payload.Role, payload.Stores, payload.WholeGroup, payload.Name ?? "", payload.Kind);
        return new Verification(caller, payload.Revision, null, DateTimeOffset.FromUnixTimeSeconds(payload.Expires) + ClockSkew);
    }

    /// <summary>The caller and the revision it was signed at, or why it was refused; <see cref="Until"/> is when it stops being good.</summary>
    public sealed record Verification(Caller? Caller, int Revision, string? Reason, DateTimeOffset Until = default)
    {
        public static Verification Refused(string reason) => new(null, 0, reason);
    }

    internal sealed record Payload(
        [property: JsonPropertyName("s")] string StaffId,
        [property: JsonPropertyName("g")] string GroupId,
        [property: JsonPropertyName("r")] StaffRole Role,
        [property: JsonPropertyName("t")] string[] Stores,
        [property: JsonPropertyName("w")] bool WholeGroup,
        [property: JsonPropertyName("n")] string? Name,
        [property: JsonPropertyName("k")] CallerKind Kind,
        [property: JsonPropertyName("v")] int Revision,
        [property: JsonPropertyName("x")] long Expires);

    [JsonSerializable(typeof(Payload))]
    internal sealed partial class Json : JsonSerializerContext;
}
