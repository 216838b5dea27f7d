using Dealership.Contracts.Sales;
using Dealership.Grains.Storage;

namespace Dealership.Grains.Sales;

/// <summary>The showroom register's rules: how an entry is numbered and what it counts.</summary>
public static class ShowroomRules
{
    /// <summary>A customer's answer when the entry's Idempotency-Key was carried out meanwhile: the register answers from the key's record.</summary>
    public const string AlreadyLogged = "register-entry-logged";

    /// <summary>"tf" + the local day + the day's running number: tf202612050001.</summary>
    public static string EntryId(DateOnly day, int number) =>
        $"tf{day:yyyyMMdd}{number.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The day's running number of an entry id.</summary>
    public static int Number(string entryId) => int.Parse(entryId.AsSpan(10), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What an entry counts: a visit or a call; a first visit; a prospect card opened (the record rate's numerator).</summary>
    internal static IEnumerable<Row> Facts(string groupId, string storeId, RegisterEntry entry, DateOnly day)
    {
        var visit = entry.Kind == EntryKind.Visit;
        yield return Fact(visit ? SalesFactKind.Visit : SalesFactKind.Call);
        if (visit && entry.FirstVisit)
        {
            yield return Fact(SalesFactKind.FirstVisit);
        }

        if (entry.ProspectOpened)
        {
            yield return Fact(SalesFactKind.ProspectCardOpened);
        }

        SalesFactRow Fact(SalesFactKind kind) => new(groupId, storeId, new SalesFact(entry.EntryId, kind, day, entry.ConsultantId), entry.At);
    }
}
