using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Vehicles;

public sealed class TransferState : RecordedState
{
    public TransferView? Transfer { get; set; }
    public int Revision { get; set; }
}

/// <summary>
/// A car moving between two stores of one group. The transfer decides the steps and who may take them; the car's own
/// grain makes each ledger entry, so the car can never be in two stores' stock at once.
/// </summary>
public sealed class TransferGrain(
    [PersistentState("transfer", GrainsSetup.StorageName)] IPersistentState<TransferState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, ITransferGrain, IScopedGrain
{
    private (string GroupId, string TransferId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    // A transfer concerns two stores: the filter admits the group, and each step checks its own store below.
    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(Key.GroupId, null));

    public async Task<Outcome<TransferView>> Request(string vin, string fromStoreId, string toStoreId)
    {
        var errors = new FieldErrors().Id("fromStoreId", fromStoreId);
        if (Contracts.Vehicles.Vin.Problem(vin) is { } vinProblem)
        {
            errors.Add("vin", vinProblem);
        }

        if (fromStoreId == toStoreId)
        {
            errors.Add("fromStoreId", "must be another store than the one receiving the car.");
        }

        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if ((Denied(toStoreId) ?? Roles.Refused("ask for transfers", RoleSets.StockKeepers)) is { } denied)
        {
            return denied;
        }

        if (state.State.Transfer is { } existing)
        {
            return existing.Vin == vin && existing.FromStoreId == fromStoreId && existing.ToStoreId == toStoreId
                ? existing
                : Problem.Conflict("idempotency-key-reused", "This transfer id was already used for another car or store.");
        }

        if (await storeGroups.GroupOf(fromStoreId) != Key.GroupId)
        {
            return Problem.Invalid("fromStoreId", $"'{fromStoreId}' is not a store of this group.");
        }

        var car = await GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(Key.GroupId, vin)).Get(fromStoreId);
        if (!car.IsOk)
        {
            return Problem.Invalid("vin", $"is not a car of store '{fromStoreId}'.");
        }

        if (car.Value!.Reservation is { } held)
        {
            return Problem.Conflict("vin-reserved", $"VIN {vin} is reserved for deal {held.DealId} and cannot be transferred.");
        }

        if (car.Value.Status != VehicleStatus.InStock)
        {
            return Problem.Conflict("illegal-transition", $"Only a car in stock can be transferred; this one is {car.Value.Status}.");
        }

        return await Save(new TransferView(Key.TransferId, vin, fromStoreId, toStoreId, TransferStatus.Requested,
            clock.GetUtcNow(), Audit.Who, null, null, null, null, null));
    }

    public Task<Outcome<TransferView>> Get(string storeId) =>
        Task.FromResult(state.State.Transfer is { } t && (t.FromStoreId == storeId || t.ToStoreId == storeId)
            ? t
            : (Outcome<TransferView>)NotFound());

    public async Task<Outcome<TransferView>> Approve(string fromStoreId)
    {
        if (Step(fromStoreId, sending: true, RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var t = state.State.Transfer!;
        if (t.Status == TransferStatus.InTransit)
        {
            return t;
        }

        if (t.Status != TransferStatus.Requested)
        {
            return Problem.Conflict("illegal-transition", $"A transfer that is {t.Status} cannot be approved.");
        }

        var moved = await GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(Key.GroupId, t.Vin)).TransferOut(t.FromStoreId, t.TransferId, t.ToStoreId);
        if (!moved.IsOk)
        {
            return moved.Problem!;
        }

        return await Save(t with { Status = TransferStatus.InTransit, DecidedAt = clock.GetUtcNow(), DecidedBy = Audit.Who });
    }

    public async Task<Outcome<TransferView>> Reject(string fromStoreId, string reason)
    {
        var errors = new FieldErrors().Required("reason", reason, 200);
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Step(fromStoreId, sending: true, RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var t = state.State.Transfer!;
        if (t.Status != TransferStatus.Requested)
        {
            return t.Status == TransferStatus.Rejected ? t : Problem.Conflict("illegal-transition", $"A transfer that is {t.Status} cannot be rejected.");
        }

        return await Save(t with { Status = TransferStatus.Rejected, DecidedAt = clock.GetUtcNow(), DecidedBy = Audit.Who, RejectionReason = reason });
    }

    public async Task<Outcome<TransferView>> Receive(string toStoreId)
    {
        if (Step(toStoreId, sending: false, RoleSets.StockKeepers) is { } refused)
        {
            return refused;
        }

        var t = state.State.Transfer!;
        if (t.Status == TransferStatus.Received)
        {
            return t;
        }

        if (t.Status != TransferStatus.InTransit)
        {
            return Problem.Conflict("illegal-transition", $"A transfer that is {t.Status} cannot be received.");
        }

        var arrived = await GrainFactory.GetGrain<IVehicleGrain>(GrainKeys.InGroup(Key.GroupId, t.Vin)).TransferIn(t.ToStoreId, t.TransferId);
        if (!arrived.IsOk)
        {
            return arrived.Problem!;
        }

        return await Save(t with { Status = TransferStatus.Received, ReceivedAt = clock.GetUtcNow(), ReceivedBy = Audit.Who });
    }

    /// <summary>The transfer must exist and name <paramref name="storeId"/> on the right side; the caller must work there in one of the roles.</summary>
    private Problem? Step(string storeId, bool sending, StaffRole[]? roles)
    {
        if (state.State.Transfer is not { } t || (sending ? t.FromStoreId : t.ToStoreId) != storeId)
        {
            return NotFound();
        }

        if (Denied(storeId) is { } denied)
        {
            return denied;
        }

        return roles is null ? null : Roles.Refused(sending ? "decide transfers" : "receive transfers", roles);
    }

    private Problem? Denied(string storeId) =>
        Caller.Current is { } caller && !caller.CoversStore(Key.GroupId, storeId) ? Problem.Forbidden($"Store '{storeId}' is outside your scope.") : null;

    /// <summary>The transfer as it now stands, with its row on both stores' transfer lists, in one write.</summary>
    private async Task<Outcome<TransferView>> Save(TransferView transfer)
    {
        state.State.Transfer = transfer;
        state.State.Revision++;
        state.State.Pending.Add(new TransferRow(Key.GroupId, state.State.Revision, transfer));
        await state.WriteStateAsync();
        return transfer;
    }

    private Problem NotFound() => Problem.NotFound($"Transfer '{Key.TransferId}'");
}
