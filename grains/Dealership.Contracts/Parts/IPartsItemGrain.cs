using Dealership.Contracts.Common;

namespace Dealership.Contracts.Parts;

/// <summary>One part number in one store. Key: <see cref="GrainKeys.InStore"/>(store, part number).</summary>
[Alias("IPartsItemGrain")]
public interface IPartsItemGrain : IGrainWithStringKey
{
    /// <summary>Creates the item; the same create again returns it, a different one is a conflict.</summary>
    [Alias("Create")]
    Task<Outcome<PartsItemView>> Create(string groupId, NewPartsItem item, string? operationId);

    [Alias("Get")]
    Task<Outcome<PartsItemView>> Get();

    /// <summary>Changes description and bin.</summary>
    [Alias("Update")]
    Task<Outcome<PartsItemView>> Update(string description, string bin);

    /// <summary>Moves stock in or out; refused (<c>insufficient-stock</c>) if on hand would go below zero.</summary>
    [Alias("Move")]
    Task<Outcome<PartsItemView>> Move(PartsMovement movement, string? operationId);

    /// <summary>
    /// Takes in units received against a purchase order at its cost, once per <paramref name="source"/> for good (a receipt's
    /// line): a second call with the same source changes nothing.
    /// </summary>
    [Alias("TakeIn")]
    [ForGrainsOnly]
    Task<Outcome<PartsItemView>> TakeIn(int quantity, decimal unitCost, string note, string source);

    /// <summary>Holds <paramref name="quantity"/> more for <paramref name="repairOrder"/>, from what is available (422 insufficient-stock).</summary>
    [Alias("Reserve")]
    Task<Outcome<PartsItemView>> Reserve(string repairOrder, int quantity, string? operationId);

    /// <summary>Lets go of what is held for <paramref name="repairOrder"/> (the customer declined the work, or it was done without it).</summary>
    [Alias("Release")]
    Task<Outcome<PartsItemView>> Release(string repairOrder, string? operationId);

    /// <summary>The planner's data of the part: supplier, lead time, pack size, minimum and price.</summary>
    [Alias("SetPlanning")]
    Task<Outcome<PartsItemView>> SetPlanning(PartsPlanningData planning, string? operationId);

    /// <summary>Stock movements, newest first, a page at a time.</summary>
    [Alias("GetMovements")]
    Task<Outcome<Page<PartsMovementRecord>>> GetMovements(PageRequest page);
}
