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

    /// <summary>Stock movements, newest first, a page at a time.</summary>
    [Alias("GetMovements")]
    Task<Outcome<Page<PartsMovementRecord>>> GetMovements(PageRequest page);
}
