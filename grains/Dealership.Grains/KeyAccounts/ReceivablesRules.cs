using Dealership.Contracts.KeyAccounts;

namespace Dealership.Grains.KeyAccounts;

/// <summary>How old an unpaid invoice is, and the ageing (账龄) of what an account owes.</summary>
public static class ReceivablesRules
{
    /// <summary>The bucket of an invoice <paramref name="ageDays"/> old (days since its date): 0–30, 31–60, 61–90, over 90.</summary>
    public static AgeingBucket Bucket(int ageDays) => ageDays switch
    {
        <= 30 => AgeingBucket.Days0To30,
        <= 60 => AgeingBucket.Days31To60,
        <= 90 => AgeingBucket.Days61To90,
        _ => AgeingBucket.Over90,
    };

    /// <summary>An invoice with <paramref name="outstanding"/> left to pay, aged as of <paramref name="asOf"/> (the store's day).</summary>
    public static OpenInvoice Open(string invoice, string? dealId, DateOnly invoicedOn, DateOnly dueOn, decimal amount, decimal outstanding, DateOnly asOf)
    {
        var age = Math.Max(0, asOf.DayNumber - invoicedOn.DayNumber);
        return new OpenInvoice(invoice, dealId, invoicedOn, dueOn, amount, outstanding, age, Math.Max(0, asOf.DayNumber - dueOn.DayNumber), Bucket(age));
    }

    public static Ageing Ageing(IReadOnlyList<OpenInvoice> open)
    {
        decimal In(AgeingBucket b) => open.Where(i => i.Bucket == b).Sum(i => i.Outstanding);
        return new Ageing(In(AgeingBucket.Days0To30), In(AgeingBucket.Days31To60), In(AgeingBucket.Days61To90), In(AgeingBucket.Over90),
            open.Sum(i => i.Outstanding), open.Where(i => i.DaysOverdue > 0).Sum(i => i.Outstanding));
    }

    /// <summary>
    /// The invoices a payment of <paramref name="amount"/> settles in full, oldest first (the open ones as they stood before it): a
    /// payment pays the oldest invoices first.
    /// </summary>
    public static IReadOnlyList<string> Settled(IReadOnlyList<OpenInvoice> openBefore, decimal amount)
    {
        var settled = new List<string>();
        foreach (var invoice in openBefore.OrderBy(i => i.InvoicedOn).ThenBy(i => i.Invoice, StringComparer.Ordinal))
        {
            if (amount < invoice.Outstanding)
            {
                break;
            }

            amount -= invoice.Outstanding;
            settled.Add(invoice.Invoice);
        }

        return settled;
    }
}
