using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Grains.Common;

namespace Dealership.Grains.Sales;

public sealed class TrafficLogState
{
    public List<TrafficEntry> Entries { get; set; } = [];
    public RecentOperations Operations { get; set; } = new();
}

/// <summary>
/// One store's traffic register for one local day (来店来电登记表). Not reentrant: walk-ins are handed out one at a time,
/// so two people arriving together never get the same consultant.
/// </summary>
public sealed class TrafficLogGrain(
    [PersistentState("traffic-log", GrainsSetup.StorageName)] IPersistentState<TrafficLogState> state,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, ITrafficLogGrain, IScopedGrain
{
    private (string StoreId, string Day) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<TrafficEntry>> Log(NewTraffic traffic, string? operationId)
    {
        var errors = traffic.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = RecentOperations.Fingerprint(nameof(Log), traffic);
        if (state.State.Operations.TryReplay<TrafficEntry>(operationId, fingerprint, out var replay))
        {
            return replay;
        }

        if (await storeGroups.GroupOf(Key.StoreId) is null || !DateOnly.TryParseExact(Key.Day, "'traffic-'yyyy-MM-dd", out var day))
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        var entryId = $"tf{day:yyyyMMdd}{(state.State.Entries.Count + 1).ToString("D4", CultureInfo.InvariantCulture)}";
        var consultantId = traffic.ConsultantId ?? StoreFacts.CallingConsultant();
        if (consultantId is not null)
        {
            var known = await Consultant(consultantId).Get();
            if (known.Value is not { Active: true })
            {
                return Problem.Invalid("consultantId", "is not an active consultant of this store.");
            }
        }

        if (traffic.Kind == TrafficKind.Visit)
        {
            // Status follows the work: the consultant who takes a walk-in is with a customer.
            if (consultantId is null)
            {
                consultantId = await HandToUpNext(entryId);
                if (consultantId is null)
                {
                    return Problem.Conflict("no-consultant-available", "No consultant is available; name the consultant who takes this visit.");
                }
            }
            else if (await Consultant(consultantId).BeginWork(ConsultantStatus.WithCustomer, entryId, onlyIfAvailable: false) is { IsOk: false } busy)
            {
                return busy.Problem!;
            }
        }

        var mobile = PersonalData.NormaliseMobile(traffic.Mobile);
        string? customerId = null;
        var firstVisit = traffic.Kind == TrafficKind.Visit;
        var opened = false;
        if (mobile is not null)
        {
            customerId = PersonalData.CustomerId(Key.StoreId, mobile);
            var contact = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, customerId)).RecordContact(new Contact(
                traffic.CustomerName!, mobile, traffic.Kind, traffic.ModelOfInterest, consultantId, traffic.Grade, traffic.Budget, entryId));
            if (!contact.IsOk)
            {
                return contact.Problem!;
            }

            firstVisit = contact.Value!.FirstVisit;
            opened = contact.Value.ProspectOpened;
        }

        var now = clock.GetUtcNow();
        var entry = new TrafficEntry(entryId, now, traffic.Kind, traffic.Source, customerId, traffic.CustomerName?.Trim(),
            mobile is null ? null : PersonalData.MaskMobile(mobile), traffic.ModelOfInterest, traffic.PartySize, consultantId, firstVisit, opened, Audit.Who);
        state.State.Entries.Add(entry);
        state.State.Operations.Remember(operationId, fingerprint, entry, now);
        await state.WriteStateAsync();

        await Count(traffic.Kind == TrafficKind.Visit ? SalesFactKind.Visit : SalesFactKind.Call, entry, day);
        if (traffic.Kind == TrafficKind.Visit && firstVisit)
        {
            await Count(SalesFactKind.FirstVisit, entry, day);
        }

        if (opened)
        {
            await Count(SalesFactKind.Record, entry, day);
        }

        await StoreFeed.Publish(GrainFactory, Key.StoreId, now, "traffic", entryId,
            $"{traffic.Kind} ({traffic.Source}){(consultantId is null ? "" : " with " + consultantId)}{(firstVisit && traffic.Kind == TrafficKind.Visit ? ", first visit" : "")}",
            new Dictionary<string, string>
            {
                ["entryId"] = entryId,
                ["kind"] = traffic.Kind.ToString(),
                ["source"] = traffic.Source.ToString(),
                ["consultantId"] = consultantId ?? "",
                ["firstVisit"] = firstVisit ? "true" : "false",
            });
        return entry;
    }

    public Task<IReadOnlyList<TrafficEntry>> List() => Task.FromResult<IReadOnlyList<TrafficEntry>>(state.State.Entries.ToArray());

    /// <summary>Offers the visit to the available consultant who has waited longest; the next one if that one just got busy.</summary>
    private async Task<string?> HandToUpNext(string entryId)
    {
        var upNext = await GrainFactory.GetGrain<IConsultantListGrain>(GrainKeys.Store(Key.StoreId)).UpNext();
        foreach (var candidate in upNext)
        {
            if ((await Consultant(candidate.StaffId).BeginWork(ConsultantStatus.WithCustomer, entryId, onlyIfAvailable: true)).IsOk)
            {
                return candidate.StaffId;
            }
        }

        return null;
    }

    private IConsultantGrain Consultant(string staffId) => GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, staffId));

    private Task Count(SalesFactKind kind, TrafficEntry entry, DateOnly day) =>
        StoreFacts.Count(GrainFactory, Key.StoreId, new SalesFact(entry.EntryId, kind, day, entry.ConsultantId));
}
