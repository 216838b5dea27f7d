using System.ComponentModel;
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

    /// <summary>Sold over the counter (a walk-in customer or a body shop): demand, like an issue to a repair.</summary>
    CounterSale = 5,
}

/// <summary>A part number added to the store's list, with what the planner needs of it.</summary>
/// <param name="PartNumber">The OEM's part number (capital letters, digits, '.' and '-').</param>
/// <param name="Description">What the part is and what it fits.</param>
/// <param name="Bin">Where it is kept in the parts room.</param>
/// <param name="OnHand">Opening stock, valued at <paramref name="Cost"/>.</param>
/// <param name="Supplier">Who it is ordered from (the OEM's parts centre, or a local supplier).</param>
/// <param name="LeadTimeDays">Days from order to arrival.</param>
/// <param name="PackSize">Orders are whole packs.</param>
/// <param name="Minimum">Stocked up to this while the part has too little demand history for planning.</param>
/// <param name="Cost">Unit cost of the opening stock; the moving average starts from it.</param>
/// <param name="Price">Selling price per unit (CNY, incl. VAT).</param>
[GenerateSerializer, Immutable, Alias("NewPartsItem")]
public sealed record NewPartsItem(
    [property: Id(0)] string PartNumber,
    [property: Id(1)] string Description,
    [property: Id(2)] string Bin,
    [property: Id(3), DefaultValue(0)] int OnHand = 0,
    [property: Id(4)] string? Supplier = null,
    [property: Id(5), DefaultValue(PartsPlanningData.DefaultLeadTimeDays)] int LeadTimeDays = PartsPlanningData.DefaultLeadTimeDays,
    [property: Id(6), DefaultValue(1)] int PackSize = 1,
    [property: Id(7), DefaultValue(0)] int Minimum = 0,
    [property: Id(8), DefaultValue(typeof(decimal), "0")] decimal Cost = 0m,
    [property: Id(9), DefaultValue(typeof(decimal), "0")] decimal Price = 0m)
{
    public PartsPlanningData Planning => new(Supplier, LeadTimeDays, PackSize, Minimum, Price);

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("description", Description, 120)
            .Required("bin", Bin, 20)
            .Range("onHand", OnHand, 0, 1_000_000)
            .Range("cost", Cost, 0m, PartsPlanningData.MaxAmount);
        if (PartNumbers.Problem(PartNumber) is { } problem)
        {
            errors.Add("partNumber", problem);
        }

        return Planning.Check(errors);
    }
}

/// <summary>What the planner keeps of a part: where it comes from, how long it takes, how it is packed, its floor and price.</summary>
[GenerateSerializer, Immutable, Alias("PartsPlanningData")]
public sealed record PartsPlanningData(
    [property: Id(0)] string? Supplier,
    [property: Id(1)] int LeadTimeDays,
    [property: Id(2)] int PackSize,
    [property: Id(3)] int Minimum,
    [property: Id(4)] decimal Price)
{
    public const int DefaultLeadTimeDays = 7;

    public const decimal MaxAmount = 10_000_000m;

    public FieldErrors Validate() => Check(new FieldErrors());

    public FieldErrors Check(FieldErrors errors) => errors
        .MaxLength("supplier", Supplier, 80)
        .Range("leadTimeDays", LeadTimeDays, 0, 365)
        .Range("packSize", PackSize, 1, 10_000)
        .Range("minimum", Minimum, 0, 1_000_000)
        .Range("price", Price, 0m, MaxAmount);
}

/// <summary>
/// A stock movement of one part: positive in, negative out. A receipt may carry its cost per unit (<c>unitCost</c>), which moves
/// the part's average cost; left out, the receipt is valued at the current average. Only a receipt carries one. An issue to a
/// repair (or a return from one) names its repair order (<c>repairOrder</c>): the issue takes that order's reservation first.
/// </summary>
[GenerateSerializer, Immutable, Alias("PartsMovement")]
public sealed record PartsMovement(
    [property: Id(0)] int Quantity,
    [property: Id(1)] PartsMovementReason Reason,
    [property: Id(2)] string? Note,
    [property: Id(3)] decimal? UnitCost = null,
    [property: Id(4)] string? RepairOrder = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Range("quantity", Quantity, -100_000, 100_000).MaxLength("note", Note, 200);
        if (RepairOrder is not null && (Reason is not (PartsMovementReason.IssueToRepair or PartsMovementReason.ReturnFromRepair)
            || PartsReservation.RepairOrderProblem(RepairOrder) is not null))
        {
            errors.Add("repairOrder", PartsReservation.RepairOrderProblem(RepairOrder) ?? "is only given with an issue to or a return from a repair.");
        }

        if (UnitCost is { } cost && (Reason != PartsMovementReason.Receipt || cost < 0 || cost > PartsPlanningData.MaxAmount))
        {
            errors.Add("unitCost", Reason == PartsMovementReason.Receipt ? "must be 0-10,000,000." : "is only given with a receipt.");
        }

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
        else if (Reason is PartsMovementReason.IssueToRepair or PartsMovementReason.CounterSale && Quantity > 0)
        {
            errors.Add("quantity", "must be negative for an issue to a repair or a counter sale.");
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
    [property: Id(5)] int OnHandAfter,
    [property: Id(6)] decimal? UnitCost = null,
    [property: Id(7)] string? RepairOrder = null);

/// <summary>
/// A part in the store: stock on hand, what is held for open repair orders (<c>reserved</c>; each hold in <c>reservations</c>
/// on the part's own answer, null in lists), what is <c>available</c>, its planning data and its moving average cost.
/// </summary>
[GenerateSerializer, Immutable, Alias("PartsItemView")]
public sealed record PartsItemView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string PartNumber,
    [property: Id(2)] string Description,
    [property: Id(3)] string Bin,
    [property: Id(4)] int OnHand,
    [property: Id(5)] int Revision,
    [property: Id(6)] PartsPlanningData Planning,
    [property: Id(7)] decimal AverageCost,
    [property: Id(8)] DateTimeOffset? LastMovementAt,
    [property: Id(9)] int Reserved,
    [property: Id(10)] IReadOnlyList<PartsReservation>? Reservations)
{
    /// <summary>What the stock on hand is worth at the moving average cost.</summary>
    public decimal StockValue => decimal.Round(OnHand * AverageCost, 2);

    /// <summary>What can still be issued or sold to anyone else: on hand less reserved.</summary>
    public int Available => OnHand - Reserved;
}

/// <summary>Units of a part held for an open repair order (预留), with who held them and when; issued to that order, or released.</summary>
[GenerateSerializer, Immutable, Alias("PartsReservation")]
public sealed record PartsReservation(
    [property: Id(0)] string RepairOrder,
    [property: Id(1)] int Quantity,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By)
{
    /// <summary>Why <paramref name="repairOrder"/> is not a repair order number (1-40 visible characters), or null.</summary>
    public static string? RepairOrderProblem(string? repairOrder) =>
        string.IsNullOrEmpty(repairOrder) ? "is required."
        : repairOrder.Length <= 40 && repairOrder.All(c => c is > ' ' and <= '~') ? null
        : "must be 1-40 visible characters (the repair order's number).";
}

public static partial class PartNumbers
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9.-]{1,29}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string? Problem(string? partNumber) =>
        string.IsNullOrEmpty(partNumber) ? "is required."
        : Pattern().IsMatch(partNumber) ? null
        : "must be 2-30 characters: capital letters, digits, '.' and '-'.";
}
