using Dealership.Contracts.Common;
using Dealership.Contracts.Sales;

namespace Dealership.Contracts.KeyAccounts;

/// <summary>Cars of one specification on a fleet order, at the account's agreed price for the model and trim.</summary>
[GenerateSerializer, Immutable, Alias("FleetLine")]
public sealed record FleetLine(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3)] int Quantity);

/// <summary>
/// A fleet order (one contract for many cars): the key account, the customer who signs for it (its buyer, a customer of the
/// store), the consultant who handles it, the cars, and — over the account's credit limit — the general manager's approval.
/// </summary>
[GenerateSerializer, Immutable, Alias("NewFleetOrder")]
public sealed record NewFleetOrder(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string CustomerId,
    [property: Id(2)] string? ConsultantId,
    [property: Id(3)] IReadOnlyList<FleetLine> Lines,
    [property: Id(4)] string? CreditApproval)
{
    public const int MaxLines = 10, MaxCars = 200;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Id("accountId", AccountId).MaxLength("creditApproval", CreditApproval, 500);
        if (!PersonalData.IsCustomerId(CustomerId))
        {
            errors.Add("customerId", "is not a customer id.");
        }

        if (ConsultantId is not null)
        {
            errors.Id("consultantId", ConsultantId);
        }

        if (CreditApproval is { } approval && string.IsNullOrWhiteSpace(approval))
        {
            errors.Add("creditApproval", "must say why the general manager approves the order over the limit.");
        }

        if (Lines is not { Count: > 0 })
        {
            return errors.Add("lines", "must list at least one specification.");
        }

        if (Lines.Count > MaxLines)
        {
            return errors.Add("lines", $"may list at most {MaxLines} specifications.");
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            if (Lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "is required.");
                continue;
            }

            errors.Required($"lines[{i}].model", line.Model, 60).Required($"lines[{i}].trim", line.Trim, 60)
                .Required($"lines[{i}].colour", line.Colour, 40).Range($"lines[{i}].quantity", line.Quantity, 1, MaxCars);
        }

        if (Lines.All(l => l is not null) && Lines.Sum(l => (long)l.Quantity) > MaxCars)
        {
            errors.Add("lines", $"may order at most {MaxCars} cars in all.");
        }

        return errors;
    }
}

/// <summary>The steps a fleet order takes its cars through, a batch at a time.</summary>
public enum FleetStep
{
    /// <summary>Cars of each deal's specification, in stock and free, are allocated (配车).</summary>
    Allocate = 1,

    /// <summary>Allocated cars are invoiced on the account (the cashier).</summary>
    Invoice = 2,

    /// <summary>A handover slot is booked for allocated cars (their PDI is then signed by a technician).</summary>
    BookHandover = 3,

    /// <summary>Invoiced cars with a signed PDI are handed over to the account.</summary>
    Deliver = 4,
}

/// <summary>
/// A batch: up to <see cref="Count"/> cars of the order ready for the step, in the order's sequence. A handover booking names the
/// <see cref="Slot"/>; a delivery confirms the handover checks with the account's representative.
/// </summary>
[GenerateSerializer, Immutable, Alias("FleetBatchRequest")]
public sealed record FleetBatchRequest(
    [property: Id(0)] FleetStep Step,
    [property: Id(1)] int Count,
    [property: Id(2)] DateTimeOffset? Slot)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Range("count", Count, 1, NewFleetOrder.MaxCars);
        if (!Enum.IsDefined(Step))
        {
            errors.Add("step", "must be Allocate, Invoice, BookHandover or Deliver.");
        }
        else if (Step == FleetStep.BookHandover && Slot is null)
        {
            errors.Add("slot", "is required to book a handover.");
        }
        else if (Step != FleetStep.BookHandover && Slot is not null)
        {
            errors.Add("slot", "is only sent to book a handover.");
        }

        return errors;
    }
}

/// <summary>A car of the order a batch could not take through its step, and why.</summary>
[GenerateSerializer, Immutable, Alias("FleetRefusal")]
public sealed record FleetRefusal([property: Id(0)] string DealId, [property: Id(1)] string Reason);

/// <summary>A batch as run: the cars it took through the step and those it could not, by whom and when.</summary>
[GenerateSerializer, Immutable, Alias("FleetBatch")]
public sealed record FleetBatch(
    [property: Id(0)] int Number,
    [property: Id(1)] FleetStep Step,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string By,
    [property: Id(4)] IReadOnlyList<string> Done,
    [property: Id(5)] IReadOnlyList<FleetRefusal> Refused);

/// <summary>A car of a fleet order: its deal and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("FleetCar")]
public sealed record FleetCar(
    [property: Id(0)] int Car,
    [property: Id(1)] string DealId,
    [property: Id(2)] string Model,
    [property: Id(3)] string Trim,
    [property: Id(4)] string Colour,
    [property: Id(5)] DealStatus Status,
    [property: Id(6)] string? Vin,
    [property: Id(7)] decimal Price,
    [property: Id(8)] DateTimeOffset? HandoverSlot);

/// <summary>How many of the order's cars have reached each step.</summary>
[GenerateSerializer, Immutable, Alias("FleetProgress")]
public sealed record FleetProgress(
    [property: Id(0)] int Cars,
    [property: Id(1)] int Allocated,
    [property: Id(2)] int Invoiced,
    [property: Id(3)] int Delivered,
    [property: Id(4)] int Cancelled);

/// <summary>A fleet order: the contract's terms, each car's deal, the progress, and every batch run on it (newest first).</summary>
[GenerateSerializer, Immutable, Alias("FleetOrder")]
public sealed record FleetOrder(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] string AccountId,
    [property: Id(3)] string AccountName,
    [property: Id(4)] string CustomerId,
    [property: Id(5)] string ConsultantId,
    [property: Id(6)] IReadOnlyList<FleetLine> Lines,
    [property: Id(7)] decimal Value,
    [property: Id(8)] DateTimeOffset PlacedAt,
    [property: Id(9)] string PlacedBy,
    [property: Id(10)] string? CreditApproval,
    [property: Id(11)] FleetProgress Progress,
    [property: Id(12)] IReadOnlyList<FleetCar> Cars,
    [property: Id(13)] IReadOnlyList<FleetBatch> Batches);

/// <summary>A line of the store's fleet order list.</summary>
[GenerateSerializer, Immutable, Alias("FleetOrderSummary")]
public sealed record FleetOrderSummary(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string AccountId,
    [property: Id(2)] string AccountName,
    [property: Id(3)] int Cars,
    [property: Id(4)] decimal Value,
    [property: Id(5)] DateTimeOffset PlacedAt,
    [property: Id(6)] string PlacedBy,
    [property: Id(7)] FleetProgress Progress);

/// <summary>A fleet order. Key: <see cref="GrainKeys.InStore"/>(store, order id).</summary>
[Alias("IFleetOrderGrain")]
public interface IFleetOrderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Places the order: checked against the account's credit limit, then one deal per car opened at the agreed price, approved
    /// within the agreement and signed. A specification without an agreed price is refused (422 no-agreed-price).
    /// </summary>
    [Alias("Place")]
    Task<Outcome<FleetOrder>> Place(NewFleetOrder order);

    [Alias("Get")]
    Task<Outcome<FleetOrder>> Get();

    /// <summary>Takes the next cars ready for a step through it; each car's deal decides (and refuses with its reason).</summary>
    [Alias("RunBatch")]
    Task<Outcome<FleetBatch>> RunBatch(FleetBatchRequest batch, string? operationId);
}
