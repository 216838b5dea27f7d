using System.Text.RegularExpressions;
using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>Why parts stock moved.</summary>
public enum PartsMovementReason
{
    Receipt = 1,
    IssueToRepair = 2,
    ReturnFromRepair = 3,
    Correction = 4,
}

[GenerateSerializer, Immutable, Alias("NewPartsItem")]
public sealed record NewPartsItem(
    [property: Id(0)] string PartNumber,
    [property: Id(1)] string Description,
    [property: Id(2)] string Bin,
    [property: Id(3)] int OnHand = 0)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("description", Description, 120)
            .Required("bin", Bin, 20)
            .Range("onHand", OnHand, 0, 1_000_000);
        if (PartNumbers.Problem(PartNumber) is { } problem)
        {
            errors.Add("partNumber", problem);
        }

        return errors;
    }
}

/// <summary>A stock movement of one part: positive in, negative out.</summary>
[GenerateSerializer, Immutable, Alias("PartsMovement")]
public sealed record PartsMovement(
    [property: Id(0)] int Quantity,
    [property: Id(1)] PartsMovementReason Reason,
    [property: Id(2)] string? Note)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Range("quantity", Quantity, -100_000, 100_000).MaxLength("note", Note, 200);
        if (Quantity == 0)
        {
            errors.Add("quantity", "must not be zero.");
        }

        if (!Enum.IsDefined(Reason))
        {
            errors.Add("reason", "is not a known reason.");
        }
        else if (Reason is PartsMovementReason.Receipt or PartsMovementReason.ReturnFromRepair && Quantity < 0)
        {
            errors.Add("quantity", "must be positive for a receipt or a return.");
        }
        else if (Reason == PartsMovementReason.IssueToRepair && Quantity > 0)
        {
            errors.Add("quantity", "must be negative for an issue to a repair.");
        }
        else if (Reason == PartsMovementReason.Correction && string.IsNullOrWhiteSpace(Note))
        {
            errors.Add("note", "a correction needs a reason.");
        }

        return errors;
    }
}

[GenerateSerializer, Immutable, Alias("PartsMovementRecord")]
public sealed record PartsMovementRecord(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string By,
    [property: Id(2)] int Quantity,
    [property: Id(3)] PartsMovementReason Reason,
    [property: Id(4)] string? Note,
    [property: Id(5)] int OnHandAfter);

[GenerateSerializer, Immutable, Alias("PartsItemView")]
public sealed record PartsItemView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string PartNumber,
    [property: Id(2)] string Description,
    [property: Id(3)] string Bin,
    [property: Id(4)] int OnHand,
    [property: Id(5)] int Revision);

public static partial class PartNumbers
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9.-]{1,29}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string? Problem(string? partNumber) =>
        string.IsNullOrEmpty(partNumber) ? "is required."
        : Pattern().IsMatch(partNumber) ? null
        : "must be 2-30 characters: capital letters, digits, '.' and '-'.";
}
