using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Dealership.Gateway.Http;

/// <summary>
/// A person named in a resource (who approved, who received, who sold…), as version 2 of the API writes it. The records keep
/// who did something as the audit name "staffId (display name)"; a change made by the system itself (a reminder, the
/// calendar) is "system" and has no staff id.
/// </summary>
/// <param name="StaffId">The member of staff (or the gateway or operator identity that acted), null for the system.</param>
/// <param name="Name">Their display name as it was when they acted.</param>
public sealed partial record StaffRef(string? StaffId, string Name)
{
    public static StaffRef FromAuditName(string auditName) =>
        AuditName().Match(auditName) is { Success: true } m ? new StaffRef(m.Groups["id"].Value, m.Groups["name"].Value) : new StaffRef(null, auditName);

    /// <summary>Whether a response property names a person: by the API's naming rule, <c>by</c> or <c>…By</c> holding text.</summary>
    public static bool IsPersonField(string jsonName, Type type) =>
        type == typeof(string) && (jsonName == "by" || jsonName.EndsWith("By", StringComparison.Ordinal));

    /// <summary>Version 2's JSON: every person field written as a <see cref="StaffRef"/>.</summary>
    public static void WritePersonsAsObjects(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            if (IsPersonField(property.Name, property.PropertyType))
            {
                property.CustomConverter = Converter.Instance;
            }
        }
    }

    [GeneratedRegex(@"^(?<id>[^\s()]+) \((?<name>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex AuditName();

    private sealed class Converter : JsonConverter<string>
    {
        public static readonly Converter Instance = new();

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("A person is written in answers, never read from a request.");

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
        {
            var person = FromAuditName(value);
            writer.WriteStartObject();
            writer.WriteString("staffId", person.StaffId);
            writer.WriteString("name", person.Name);
            writer.WriteEndObject();
        }
    }
}
