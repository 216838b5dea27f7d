using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.KeyAccounts;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Npgsql;

namespace Dealership.Grains.KeyAccounts;

public sealed class FleetOrderState : RecordedState
{
    public string? AccountId { get; set; }
    public string AccountName { get; set; } = "";
    public string CustomerId { get; set; } = "";
    public string ConsultantId { get; set; } = "";
    public List<FleetLine> Lines { get; set; } = [];
    public decimal Value { get; set; }
    public DateTimeOffset PlacedAt { get; set; }
    public string PlacedBy { get; set; } = "";
    public string? CreditApproval { get; set; }
    public string PlacedWith { get; set; } = "";

    /// <summary>How many batches have run (the next is numbered one more); the batches themselves are rows.</summary>
    public int Batches { get; set; }
}

/// <summary>
/// A fleet order: one contract with a key account, a deal per car under it. The order checks credit and opens its deals; after that
/// each batch asks each car's deal to take its step, and the deal decides as it would for any sale — the order keeps what each
/// batch did and refused.
/// </summary>
public sealed class FleetOrderGrain(
    [PersistentState("fleet-order", GrainsSetup.StorageName)] IPersistentState<FleetOrderState> state,
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IFleetOrderGrain, IScopedGrain
{
    private const string CarsSql =
        "SELECT f.car, f.deal_id, d.model, d.trim, d.colour, d.status, d.vin, d.selling_price, d.handover_slot FROM fleet_order_deals f " +
        "JOIN deals d ON d.store_id = f.store_id AND d.deal_id = f.deal_id WHERE f.store_id = $1 AND f.order_id = $2 ORDER BY f.car";

    private (string StoreId, string OrderId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.AccountId is not null;

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    /// <summary>The id of car <paramref name="car"/>'s deal: the same for a retried order, so its deals are opened once.</summary>
    public static string DealIdOf(string storeId, string orderId, int car) =>
        "dl" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"fleet:{storeId}:{orderId}:{car}")))[..16];

    public async Task<Outcome<FleetOrder>> Place(NewFleetOrder order)
    {
        var errors = order?.Validate() ?? new FieldErrors().Add("accountId", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Roles.Refused("place fleet orders", RoleSets.Managers) is { } refused)
        {
            return refused;
        }

        var o = order!;
        var placedWith = OperationLog.Fingerprint(nameof(Place), JsonSerializer.Serialize(o, GrainStateStore.Json));
        if (Exists)
        {
            // A retried order carries on where it stopped: every car's deal opened and signed.
            return state.State.PlacedWith == placedWith
                ? await OpenDeals()
                : Problem.Conflict("idempotency-key-reused", "This order id was already used for another order.");
        }

        if (await AccountBook.Terms(database, Key.StoreId, o.AccountId) is not { } account)
        {
            return Problem.Invalid("accountId", "is not a key account of this store.");
        }

        if ((await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, o.CustomerId)).Get()).Value is null)
        {
            return Problem.Invalid("customerId", "is not a customer of this store.");
        }

        var consultantId = StoreFacts.CallingConsultant() ?? o.ConsultantId;
        if (consultantId is null)
        {
            return Problem.Invalid("consultantId", "is required: the consultant who handles the order.");
        }

        if ((await GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, consultantId)).Get()).Value is not { Active: true })
        {
            return Problem.Invalid("consultantId", "is not an active consultant of this store.");
        }

        var store = await StoreFacts.Store(GrainFactory, Key.StoreId);
        var today = StoreFacts.LocalDate(clock.GetUtcNow(), store?.Profile.TimeZoneId ?? "UTC");
        var value = 0m;
        for (var i = 0; i < o.Lines.Count; i++)
        {
            var line = o.Lines[i];
            if (await AccountBook.AgreedPrice(database, Key.StoreId, o.AccountId, line.Model, line.Trim) is not { } price)
            {
                return Problem.Refused("no-agreed-price",
                    $"lines[{i}]: {account.Name} has no agreed price for {line.Model} {line.Trim}; agree one in the account's terms first.");
            }

            if ((await GrainFactory.GetGrain<IPriceBookGrain>(GrainKeys.Store(Key.StoreId)).Quote(line.Model, line.Trim, line.Colour, today)).Value is null)
            {
                return Problem.Refused("not-priced", $"lines[{i}]: {line.Model} {line.Trim} {line.Colour} is not in the store's price book.");
            }

            value += price * line.Quantity;
        }

        var cars = o.Lines.Sum(l => l.Quantity);
        var booked = await GrainFactory.GetGrain<IReceivablesGrain>(GrainKeys.Store(Key.StoreId))
            .BookOrder(o.AccountId, Key.OrderId, cars, value, o.CreditApproval);
        if (!booked.IsOk)
        {
            return booked.Problem!;
        }

        var s = state.State;
        s.AccountId = o.AccountId;
        s.AccountName = account.Name;
        s.CustomerId = o.CustomerId;
        s.ConsultantId = consultantId;
        s.Lines = [.. o.Lines];
        s.Value = value;
        s.PlacedAt = clock.GetUtcNow();
        s.PlacedBy = Audit.Who;
        s.CreditApproval = o.CreditApproval;
        s.PlacedWith = placedWith;
        var car = 0;
        foreach (var line in o.Lines)
        {
            for (var n = 0; n < line.Quantity; n++)
            {
                car++;
                s.Pending.Add(new FleetOrderDealRow(Key.StoreId, Key.OrderId, car, DealIdOf(Key.StoreId, Key.OrderId, car)));
            }
        }

        await state.WriteStateAsync();
        return await OpenDeals();
    }

    public async Task<Outcome<FleetOrder>> Get()
    {
        if (Roles.Refused("read fleet orders", RoleSets.DealReaders) is { } refused)
        {
            return refused;
        }

        return Exists && !StoreFacts.HiddenFrom(state.State.ConsultantId) ? await View() : NotFound();
    }

    public async Task<Outcome<FleetBatch>> RunBatch(FleetBatchRequest batch, string? operationId)
    {
        var errors = batch?.Validate() ?? new FieldErrors().Add("step", "is required.");
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var b = batch!;
        var roles = b.Step == FleetStep.Invoice ? RoleSets.Cashier : RoleSets.SalesFloor;
        return await Command.Run<FleetOrderState, FleetBatch>(state, operations,
            new CommandSpec(Key.StoreId, nameof(RunBatch), operationId, [b], $"run a fleet order's {b.Step} batch", roles),
            () => Exists && !StoreFacts.HiddenFrom(state.State.ConsultantId) ? null : NotFound(),
            async () =>
            {
                var ready = (await Cars()).Where(c => Ready(c, b.Step)).Take(b.Count).ToList();
                if (ready.Count == 0)
                {
                    return Problem.Refused("no-cars-ready", $"No car of the order is ready to {Verb(b.Step)}.");
                }

                var done = new List<string>();
                var refusedCars = new List<FleetRefusal>();
                var free = b.Step == FleetStep.Allocate ? await FreeCars(ready) : [];
                foreach (var car in ready)
                {
                    var stepId = operationId is null ? null : $"{operationId}/{car.DealId}";
                    var outcome = await Step(car, b, stepId, free);
                    if (outcome is null)
                    {
                        done.Add(car.DealId);
                    }
                    else
                    {
                        refusedCars.Add(new FleetRefusal(car.DealId, outcome));
                    }
                }

                var s = state.State;
                s.Batches++;
                var run = new FleetBatch(s.Batches, b.Step, clock.GetUtcNow(), Audit.Who, done, refusedCars);
                s.Pending.Add(new FleetBatchRow(Key.StoreId, Key.OrderId, run));
                return run;
            });
    }

    /// <summary>Opens, submits and signs every car's deal not yet signed; a retried step replays under its own key.</summary>
    private async Task<Outcome<FleetOrder>> OpenDeals()
    {
        var s = state.State;
        var car = 0;
        foreach (var line in s.Lines)
        {
            for (var n = 0; n < line.Quantity; n++)
            {
                car++;
                var dealId = DealIdOf(Key.StoreId, Key.OrderId, car);
                var deal = GrainFactory.GetGrain<IDealGrain>(GrainKeys.InStore(Key.StoreId, dealId));
                var opened = await deal.OpenForAccount(new NewDeal(s.CustomerId, s.ConsultantId,
                    new DealTerms(line.Model, line.Trim, line.Colour, 0m, 0m, 0m, 0m, null, 0m, 0m, null, null, DepositKind.Refundable)), s.AccountId!);
                if (!opened.IsOk)
                {
                    return opened.Problem!;
                }

                if (opened.Value!.Status == DealStatus.Draft)
                {
                    await deal.Submit($"{Key.OrderId}/{car}/submit");
                }

                if ((await deal.Get()).Value is { Status: DealStatus.Approved })
                {
                    await deal.Sign($"{Key.OrderId}/{car}/sign");
                }
            }
        }

        return await View();
    }

    /// <summary>Takes one car through the step; null when done, else why its deal refused.</summary>
    private async Task<string?> Step(FleetCar car, FleetBatchRequest batch, string? stepId, Dictionary<string, Queue<string>> free)
    {
        var deal = GrainFactory.GetGrain<IDealGrain>(GrainKeys.InStore(Key.StoreId, car.DealId));
        switch (batch.Step)
        {
            case FleetStep.Allocate:
                if (!free.TryGetValue(Spec(car.Model, car.Trim, car.Colour), out var vins) || !vins.TryDequeue(out var vin))
                {
                    return $"no {car.Model} {car.Trim} {car.Colour} is in stock and free";
                }

                return Why(await deal.AllocateVin(vin, stepId));
            case FleetStep.Invoice:
                return Why(await deal.IssueInvoice(stepId));
            case FleetStep.BookHandover:
                return Why(await deal.ScheduleHandover(batch.Slot!.Value, stepId));
            default:
                var view = await deal.Get();
                if (view.Value is { Delivery.Checks: null })
                {
                    if (Why(await deal.ConfirmDeliveryChecks(true, true, true, stepId is null ? null : stepId + "/checks")) is { } notChecked)
                    {
                        return notChecked;
                    }
                }

                return Why(await deal.StartHandover(stepId is null ? null : stepId + "/start"))
                    ?? Why(await deal.CompleteHandover(stepId is null ? null : stepId + "/complete"));
        }
    }

    private static string? Why(Outcome<DealView> outcome) => outcome.IsOk ? null : outcome.Problem!.Detail;

    private static bool Ready(FleetCar car, FleetStep step) => step switch
    {
        FleetStep.Allocate => car is { Status: DealStatus.Signed, Vin: null },
        FleetStep.Invoice => car is { Status: DealStatus.Signed, Vin: not null },
        FleetStep.BookHandover => car is { Status: DealStatus.Signed or DealStatus.Invoiced, Vin: not null, HandoverSlot: null },
        _ => car is { Status: DealStatus.Invoiced },
    };

    private static string Verb(FleetStep step) => step switch
    {
        FleetStep.Allocate => "be allocated a car (signed, without one)",
        FleetStep.Invoice => "be invoiced (signed, with a car allocated)",
        FleetStep.BookHandover => "have a handover booked (a car allocated, no slot yet)",
        _ => "be handed over (invoiced)",
    };

    /// <summary>The store's cars in stock and free (not demonstrators, not leaving), by specification, longest in stock first.</summary>
    private async Task<Dictionary<string, Queue<string>>> FreeCars(IReadOnlyList<FleetCar> wanted)
    {
        var free = new Dictionary<string, Queue<string>>();
        foreach (var spec in wanted.GroupBy(c => Spec(c.Model, c.Trim, c.Colour)))
        {
            var first = spec.First();
            var vins = await database.List(
                "SELECT vin FROM vehicles WHERE store_id = $1 AND status = 'InStock' AND NOT demo AND transfer_to IS NULL " +
                "AND lower(model) = lower($2) AND lower(trim) = lower($3) AND lower(colour) = lower($4) ORDER BY in_stock_since NULLS LAST, vin LIMIT $5",
                r => r.GetString(0), Key.StoreId, first.Model, first.Trim, first.Colour, spec.Count());
            free[spec.Key] = new Queue<string>(vins);
        }

        return free;
    }

    private static string Spec(string model, string trim, string colour) => $"{model}|{trim}|{colour}".ToLowerInvariant();

    private Task<List<FleetCar>> Cars() => database.List(CarsSql, r => new FleetCar(r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetString(4), Enum.Parse<DealStatus>(r.GetString(5)), Sql.Text(r, 6), r.GetDecimal(7),
        r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8)), Key.StoreId, Key.OrderId);

    private async Task<FleetOrder> View()
    {
        var s = state.State;
        var cars = await Cars();
        var batches = await database.List(
            "SELECT number, step, at, by, done::text, refused::text FROM fleet_order_batches WHERE store_id = $1 AND order_id = $2 " +
            "ORDER BY number DESC LIMIT 50", FleetBatchRow.Read, Key.StoreId, Key.OrderId);
        var progress = new FleetProgress(cars.Count, cars.Count(c => c.Vin is not null && c.Status != DealStatus.Cancelled),
            cars.Count(c => c.Status is DealStatus.Invoiced or DealStatus.Delivered), cars.Count(c => c.Status == DealStatus.Delivered),
            cars.Count(c => c.Status == DealStatus.Cancelled));
        return new FleetOrder(Key.OrderId, Key.StoreId, s.AccountId!, s.AccountName, s.CustomerId, s.ConsultantId, s.Lines, s.Value, s.PlacedAt,
            s.PlacedBy, s.CreditApproval, progress, cars, batches);
    }

    private Problem NotFound() => Problem.NotFound($"Fleet order '{Key.OrderId}'");
}

/// <summary>Car n of a fleet order is this deal.</summary>
internal sealed record FleetOrderDealRow(string StoreId, string OrderId, int Car, string DealId) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO fleet_order_deals (store_id, order_id, car, deal_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", StoreId, OrderId, Car, DealId);
}

/// <summary>A batch as run on a fleet order, kept for good.</summary>
internal sealed record FleetBatchRow(string StoreId, string OrderId, FleetBatch Batch) : Row
{
    public override NpgsqlBatchCommand ToCommand() => Sql.Command(
        "INSERT INTO fleet_order_batches (store_id, order_id, number, step, at, by, done, refused) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) " +
        "ON CONFLICT DO NOTHING",
        StoreId, OrderId, Batch.Number, Batch.Step, Batch.At, Batch.By, Sql.Jsonb(JsonSerializer.Serialize(Batch.Done, GrainStateStore.Json)),
        Sql.Jsonb(JsonSerializer.Serialize(Batch.Refused, GrainStateStore.Json)));

    public static FleetBatch Read(NpgsqlDataReader r) => new(r.GetInt32(0), Enum.Parse<FleetStep>(r.GetString(1)), r.GetFieldValue<DateTimeOffset>(2),
        r.GetString(3), JsonSerializer.Deserialize<List<string>>(r.GetString(4), GrainStateStore.Json)!,
        JsonSerializer.Deserialize<List<FleetRefusal>>(r.GetString(5), GrainStateStore.Json)!);
}
