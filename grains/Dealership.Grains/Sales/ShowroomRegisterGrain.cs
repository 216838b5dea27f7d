using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Sales;

/// <summary>
/// One store's showroom register (来店来电登记) for one local day. It keeps no state of its own: the entries are rows, each
/// written in the same transaction as the customer it concerns (or alone, for a visitor who left no number). Entries are
/// numbered in one grain turn, so no two share a number, and logged side by side (a busy showroom's tablets do not wait for
/// one another); only handing a walk-in to the consultant up next is done one at a time, so two people arriving together never
/// get the same consultant. A walk-in costs two writes: the consultant's status, and the customer with the entry and its counts.
/// A number whose write failed stays unused (the day's numbers may then skip one; none is ever given twice).
/// </summary>
[Reentrant]
public sealed class ShowroomRegisterGrain(
    OperationLog operations,
    Database database,
    StoreGroups storeGroups,
    BusinessClock clock) : Grain, IShowroomRegisterGrain, IScopedGrain
{
    private readonly SemaphoreSlim handingOut = new(1, 1);
    private Task<int>? numbering;
    private int lastNumber;

    private (string StoreId, string Name) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    public async ValueTask<GrainScope> GetScope() => new(await storeGroups.GroupOf(Key.StoreId), Key.StoreId);

    public async Task<Outcome<RegisterEntry>> Log(NewRegisterEntry newEntry, string? operationId)
    {
        var errors = newEntry.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        var fingerprint = OperationLog.Fingerprint(nameof(Log), newEntry);
        if (await operations.Replay<RegisterEntry>(Key.StoreId, operationId, fingerprint) is { } replay)
        {
            return replay;
        }

        if (Roles.Refused("log showroom visits and calls", RoleSets.SalesFloor) is { } refused)
        {
            return refused;
        }

        if (await storeGroups.GroupOf(Key.StoreId) is not { } groupId || Day() is not { } day)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        // The day's numbering starts after the entries already written; the number is taken in this turn, before any other await.
        var written = await (numbering ??= LastNumber(day));
        lastNumber = Math.Max(lastNumber, written);
        var entryId = ShowroomRules.EntryId(day, ++lastNumber);
        var consultantId = newEntry.ConsultantId ?? StoreFacts.CallingConsultant();
        if (consultantId is not null)
        {
            var known = await Consultant(consultantId).Get();
            if (known.Value is not { Active: true })
            {
                return Problem.Invalid("consultantId", "is not an active consultant of this store.");
            }
        }

        if (newEntry.Kind == EntryKind.Visit)
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

        var mobile = PersonalData.NormaliseMobile(newEntry.Mobile);
        var entry = new RegisterEntry(entryId, clock.GetUtcNow(), newEntry.Kind, newEntry.Source, null, newEntry.CustomerName?.Trim(),
            mobile is null ? null : PersonalData.MaskMobile(mobile), newEntry.ModelOfInterest, newEntry.PartySize, consultantId,
            newEntry.Kind == EntryKind.Visit, false, Audit.Who);
        var recorded = mobile is null
            ? await LogAnonymous(groupId, day, entry, operationId, fingerprint)
            : await LogWithCustomer(mobile, newEntry, entry, operationId, fingerprint);
        if (!recorded.IsOk)
        {
            return recorded.Problem!.Code == ShowroomRules.AlreadyLogged
                ? await operations.Replay<RegisterEntry>(Key.StoreId, operationId, fingerprint) ?? recorded.Problem
                : recorded.Problem;
        }

        entry = recorded.Value!;

        await Publish(entry);
        return entry;
    }

    public async Task<Outcome<Page<RegisterEntry>>> List(PageRequest page)
    {
        if (Roles.Refused("read the showroom register", RoleSets.SalesFloorReaders) is { } refused)
        {
            return refused;
        }

        if (Day() is not { } day || await storeGroups.GroupOf(Key.StoreId) is not { } groupId)
        {
            return Problem.NotFound($"Store '{Key.StoreId}'");
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this register.");
        }

        return await database.Page(
            $"SELECT {RegisterEntryRow.Columns} FROM register_entries WHERE group_id = $1 AND store_id = $2 AND local_date = $3 AND number > $4 " +
            "ORDER BY number",
            RegisterEntryRow.Read, e => Cursor.From(ShowroomRules.Number(e.EntryId)), page, groupId, Key.StoreId, day,
            (int)Math.Clamp(Cursor.Number(page.After) ?? 0, 0, int.MaxValue));
    }

    private async Task<Outcome<RegisterEntry>> LogAnonymous(string groupId, DateOnly day, RegisterEntry entry, string? operationId, string fingerprint)
    {
        List<Row> rows = [new RegisterEntryRow(groupId, Key.StoreId, day, entry), .. ShowroomRules.Facts(groupId, Key.StoreId, entry, day)];
        if (OperationLog.Record(Key.StoreId, operationId, fingerprint, entry, "LogRegisterEntry") is { } operation)
        {
            rows.Add(operation);
        }

        try
        {
            await database.Write(rows);
        }
        catch (DuplicateOperationException)
        {
            return Problem.Conflict(ShowroomRules.AlreadyLogged, "This Idempotency-Key was carried out meanwhile.");
        }

        return entry;
    }

    private async Task<Outcome<RegisterEntry>> LogWithCustomer(string mobile, NewRegisterEntry newEntry, RegisterEntry entry, string? operationId,
        string fingerprint)
    {
        var customerId = PersonalData.CustomerId(Key.StoreId, mobile);
        var contact = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.InStore(Key.StoreId, customerId)).RecordContact(
            new CustomerContact(entry, newEntry.CustomerName!, mobile, newEntry.Grade, newEntry.Budget, operationId, fingerprint));
        return contact.IsOk ? contact.Value!.Entry : contact.Problem!;
    }

    /// <summary>
    /// Offers the visit to the available consultant who has waited longest; the next one if that one just got busy. One walk-in
    /// at a time, so the one up next is never given two.
    /// </summary>
    private async Task<string?> HandToUpNext(string entryId)
    {
        await handingOut.WaitAsync();
        try
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
        finally
        {
            handingOut.Release();
        }
    }

    private async Task<int> LastNumber(DateOnly day) =>
        await database.Scalar<int?>("SELECT max(number) FROM register_entries WHERE store_id = $1 AND local_date = $2", Key.StoreId, day) ?? 0;

    private DateOnly? Day() => GrainKeys.RegisterDay(Key.Name);

    private IConsultantGrain Consultant(string staffId) => GrainFactory.GetGrain<IConsultantGrain>(GrainKeys.InStore(Key.StoreId, staffId));

    private Task Publish(RegisterEntry entry) =>
        StoreFeed.Publish(GrainFactory, Key.StoreId, entry.At, "register-entry", entry.EntryId,
            $"{entry.Kind} ({entry.Source}){(entry.ConsultantId is null ? "" : " with " + entry.ConsultantId)}" +
            (entry.FirstVisit && entry.Kind == EntryKind.Visit ? ", first visit" : ""),
            new Dictionary<string, string>
            {
                ["entryId"] = entry.EntryId,
                ["kind"] = entry.Kind.ToString(),
                ["source"] = entry.Source.ToString(),
                ["consultantId"] = entry.ConsultantId ?? "",
                ["firstVisit"] = entry.FirstVisit ? "true" : "false",
            });
}
