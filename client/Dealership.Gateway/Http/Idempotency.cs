using System.Security.Cryptography;
using System.Text;
using Dealership.Gateway.Auth;

namespace Dealership.Gateway.Http;

/// <summary>
/// The Idempotency-Key header: passed into commands as the operation id, prefixed with the caller so
/// two people can never collide on a key. Absent means "do it" (no retry protection).
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";

    /// <summary>The operation id, or a problem if the header is malformed.</summary>
    public static (string? OperationId, IResult? Problem) OperationId(HttpContext http)
    {
        var values = http.Request.Headers[Header];
        if (values.Count == 0)
        {
            return (null, null);
        }

        var key = values.ToString();
        if (values.Count > 1 || key.Length is 0 or > 100 || key.Any(c => c < 0x21 || c > 0x7e))
        {
            return (null, Problems.Invalid(Header, "must be 1-100 visible ASCII characters, sent once."));
        }

        return ($"{http.Caller().StaffId}:{key}", null);
    }

    public static string? RawKey(HttpContext http) => http.Request.Headers[Header].Count == 1 ? http.Request.Headers[Header].ToString() : null;

    /// <summary>
    /// The id of a record a POST creates ("dl" + 16 hex digits), derived from the Idempotency-Key when there is one, so
    /// a retry lands on the same record and creates nothing twice; random otherwise.
    /// </summary>
    public static string NewRecordId(HttpContext http, string prefix, string storeId)
    {
        var source = RawKey(http) is { } key ? $"{prefix}:{storeId}:{http.Caller().StaffId}:{key}" : Guid.NewGuid().ToString("N");
        return prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..16];
    }

    /// <summary>True if <paramref name="id"/> looks like an id made by <see cref="NewRecordId"/> with <paramref name="prefix"/>.</summary>
    public static bool IsRecordId(string? id, string prefix) => Contracts.Common.Ids.IsRecordId(id, prefix);
}
