namespace Dealership.Contracts.Common;

/// <summary>Collects field-level validation messages, keyed by the JSON field name (camelCase).</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public FieldErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required.");
        }

        return MaxLength(field, value, maxLength);
    }

    public FieldErrors MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters.");
        }

        if (value is not null && value.Any(char.IsControl))
        {
            Add(field, "must not contain control characters.");
        }

        return this;
    }

    public FieldErrors Range(string field, decimal value, decimal min, decimal max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return this;
    }

    public FieldErrors Range(string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return this;
    }

    public FieldErrors Nested(string prefix, FieldErrors inner)
    {
        foreach (var (field, messages) in inner.errors)
        {
            foreach (var message in messages)
            {
                Add($"{prefix}.{field}", message);
            }
        }

        return this;
    }

    public Dictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
