namespace Dealership.Gateway.Http;

/// <summary>
/// The API's versions, side by side. Version 2 (<c>/api/v2/…</c>) has every operation of version 1 (<c>/api/…</c>) and differs
/// in what would break a version 1 client: a person named in a resource is <see cref="StaffRef"/> (<c>{staffId, name}</c>,
/// where version 1 writes <c>"staffId (name)"</c>), and every create answers 201 with the created resource and its
/// <c>Location</c> (version 1 answers some with 200 and the parent record). Version 1 stays as it is for at least two releases.
/// </summary>
public enum ApiVersion
{
    V1 = 1,
    V2 = 2,
}

public static class ApiVersions
{
    public const string V2GroupName = "v2";
    private const string V1Prefix = "/api";
    private const string V2Prefix = "/api/v2";

    public static string PrefixOf(ApiVersion version) => version == ApiVersion.V2 ? V2Prefix : V1Prefix;

    public static ApiVersion Of(HttpRequest request) => request.Path.StartsWithSegments(V2Prefix) ? ApiVersion.V2 : ApiVersion.V1;

    /// <summary>The path of a version 1 resource ("/api/stores/…") as the asking version spells it.</summary>
    public static string Path(HttpRequest request, string v1Path) =>
        Of(request) == ApiVersion.V2 && v1Path.StartsWith(V1Prefix + "/", StringComparison.Ordinal) && !v1Path.StartsWith(V2Prefix + "/", StringComparison.Ordinal)
            ? V2Prefix + v1Path[V1Prefix.Length..]
            : v1Path;
}
