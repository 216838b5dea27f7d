using Dealership.Contracts.Common;

namespace Dealership.Contracts.Reports;

/// <summary>The checks on the lines a clerk sends: the gateway and the OEM order grain run the same ones.</summary>
public static class OemOrderLines
{
    /// <summary>A specification's key: model, trim and colour.</summary>
    public static string Spec(string model, string trim, string colour) => $"{model}|{trim}|{colour}";

    public static FieldErrors Validate(IReadOnlyList<OemOrderLine>? lines)
    {
        var errors = new FieldErrors();
        lines ??= [];
        if (lines.Count > 200)
        {
            return errors.Add("lines", "may list at most 200 lines.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "is required.");
                continue;
            }

            errors.Required($"lines[{i}].model", line.Model, 60).Required($"lines[{i}].trim", line.Trim, 60)
                .Required($"lines[{i}].colour", line.Colour, 40).Range($"lines[{i}].quantity", line.Quantity, 0, 500);
            if (line.Model?.Contains('|', StringComparison.Ordinal) == true || line.Trim?.Contains('|', StringComparison.Ordinal) == true
                || line.Colour?.Contains('|', StringComparison.Ordinal) == true)
            {
                errors.Add($"lines[{i}]", "must not contain '|'.");
            }
        }

        var duplicates = lines.Where(l => l is not null).GroupBy(l => Spec(l.Model, l.Trim, l.Colour).ToUpperInvariant()).Where(g => g.Count() > 1).ToList();
        if (duplicates.Count > 0)
        {
            errors.Add("lines", $"list a specification twice: {string.Join(", ", duplicates.Select(d => d.Key))}.");
        }

        return errors;
    }
}
