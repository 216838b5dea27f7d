using Dealership.Contracts.Common;

namespace Dealership.Contracts.Vehicles;

/// <summary>Where a transfer between two stores of the group stands.</summary>
public enum TransferStatus
{
    Requested = 1,
    InTransit = 2,
    Received = 3,
    Rejected = 4,
}

/// <summary>A car moving from one store of the group to another (调车), with who did each step and when.</summary>
[GenerateSerializer, Immutable, Alias("TransferView")]
public sealed record TransferView(
    [property: Id(0)] string TransferId,
    [property: Id(1)] string Vin,
    [property: Id(2)] string FromStoreId,
    [property: Id(3)] string ToStoreId,
    [property: Id(4)] TransferStatus Status,
    [property: Id(5)] DateTimeOffset RequestedAt,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] DateTimeOffset? DecidedAt,
    [property: Id(8)] string? DecidedBy,
    [property: Id(9)] string? RejectionReason,
    [property: Id(10)] DateTimeOffset? ReceivedAt,
    [property: Id(11)] string? ReceivedBy);

/// <summary>
/// One transfer. Key: <see cref="GrainKeys.InGroup"/>(group, transfer id). The receiving store requests it, the sending
/// store's sales manager or GM approves (the car leaves: a TransferOut entry) or rejects it, the receiving store
/// receives it (a TransferIn entry; the car now belongs to the receiving store).
/// </summary>
[Alias("ITransferGrain")]
public interface ITransferGrain : IGrainWithStringKey
{
    /// <summary>Requests the car for <paramref name="toStoreId"/>; refused if it is not in stock at the sending store or is reserved.</summary>
    [Alias("Request")]
    Task<Outcome<TransferView>> Request(string vin, string fromStoreId, string toStoreId);

    /// <summary>The view, if <paramref name="storeId"/> is one of the two stores.</summary>
    [Alias("Get")]
    Task<Outcome<TransferView>> Get(string storeId);

    /// <summary>The sending store approves: the car leaves for the receiving store.</summary>
    [Alias("Approve")]
    Task<Outcome<TransferView>> Approve(string fromStoreId);

    /// <summary>The sending store rejects the request, with a reason.</summary>
    [Alias("Reject")]
    Task<Outcome<TransferView>> Reject(string fromStoreId, string reason);

    /// <summary>The receiving store takes the car into stock.</summary>
    [Alias("Receive")]
    Task<Outcome<TransferView>> Receive(string toStoreId);
}

/// <summary>Which of a store's transfers to list: those it sends, those it receives, or both.</summary>
public enum TransferDirection
{
    Both = 0,
    Outgoing = 1,
    Incoming = 2,
}

/// <summary>
/// The transfers a store sends or receives, read with SQL from the row each transfer writes with its own state.
/// Key: <see cref="GrainKeys.Store"/>. Newest requests first.
/// </summary>
[Alias("ITransferListGrain")]
public interface ITransferListGrain : IGrainWithStringKey
{
    [Alias("List")]
    Task<Outcome<Page<TransferView>>> List(TransferDirection direction, TransferStatus? status, PageRequest page);
}
