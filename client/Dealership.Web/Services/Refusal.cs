using System.Reflection;
using System.Runtime.Serialization;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace Dealership.Web.Services;

/// <summary>
/// What the API answered when it refused: the status, its code (e.g. <c>slot-full</c>), the API's own explanation and the
/// reason for each field it named. Screens show the explanation beside the form and each field's reason under the field.
/// </summary>
public sealed class Refusal(int status, string? code, string? detail, IReadOnlyDictionary<string, string> fields) : Exception(detail)
{
    public int Status { get; } = status;

    public string? Code { get; } = code;

    public string? Detail { get; } = detail;

    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    /// <summary>The reason given for <paramref name="field"/>, if the API named it.</summary>
    public string? For(string field) => Fields.TryGetValue(field, out var reason) ? reason : null;

    /// <summary>Reads any problem the generated client raised (each operation has its own types; they share these fields).</summary>
    public static Refusal From(Exception e)
    {
        if (e is Refusal refusal)
        {
            return refusal;
        }

        if (e is not ApiException api)
        {
            return new Refusal(0, null, e.Message, new Dictionary<string, string>());
        }

        var type = api.GetType();
        var detail = type.GetProperty("Detail")?.GetValue(api) as string;
        var code = type.GetProperty("Code")?.GetValue(api) is Enum c ? WireName(c) : null;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (type.GetProperty("Errors")?.GetValue(api) is IAdditionalDataHolder errors)
        {
            foreach (var (field, value) in errors.AdditionalData)
            {
                fields[field] = Text.Of(value);
            }
        }

        return new Refusal(api.ResponseStatusCode, code, detail, fields);
    }

    private static string WireName(Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? value.ToString();
}
