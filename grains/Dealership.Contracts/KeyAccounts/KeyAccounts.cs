using Dealership.Contracts.Common;

namespace Dealership.Contracts.KeyAccounts;

/// <summary>A person at the company the store deals with.</summary>
[GenerateSerializer, Immutable, Alias("AccountContact")]
public sealed record AccountContact([property: Id(0)] string Name, [property: Id(1)] string Title, [property: Id(2)] string Mobile);

/// <summary>The price agreed with the account for a model and trim (VAT-inclusive, CNY): its deals within it need no deviation approval.</summary>
[GenerateSerializer, Immutable, Alias("AgreedPrice")]
public sealed record AgreedPrice([property: Id(0)] string Model, [property: Id(1)] string Trim, [property: Id(2)] decimal Price);

/// <summary>
/// A key account's particulars and trading terms as the sales manager sets them: the company, its unified social credit code, whether
/// it takes special VAT invoices, its registered address, contacts, agreed prices, payment days and credit limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("KeyAccountTerms")]
public sealed record KeyAccountTerms(
    [property: Id(0)] string Name,
    [property: Id(1)] string CreditCode,
    [property: Id(2)] bool SpecialVatInvoice,
    [property: Id(3)] string Address,
    [property: Id(4)] IReadOnlyList<AccountContact> Contacts,
    [property: Id(5)] IReadOnlyList<AgreedPrice> Prices,
    [property: Id(6)] int PaymentDays,
    [property: Id(7)] decimal CreditLimit)
{
    public const int MaxContacts = 10, MaxPrices = 100;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("name", Name, 120)
            .Required("address", Address, 200)
            .Range("paymentDays", PaymentDays, 0, 180)
            .Range("creditLimit", CreditLimit, 0m, 1_000_000_000m);
        if (!KeyAccounts.CreditCode.IsValid(CreditCode?.Trim().ToUpperInvariant()))
        {
            errors.Add("creditCode", "must be the company's 18-character unified social credit code (统一社会信用代码), its check character right.");
        }

        if (Contacts is not { Count: > 0 and <= MaxContacts })
        {
            errors.Add("contacts", $"must list 1 to {MaxContacts} people at the company.");
        }
        else
        {
            for (var i = 0; i < Contacts.Count; i++)
            {
                if (Contacts[i] is not { } c)
                {
                    errors.Add($"contacts[{i}]", "is required.");
                    continue;
                }

                errors.Required($"contacts[{i}].name", c.Name, 60).Required($"contacts[{i}].title", c.Title, 60);
                if (c.Mobile is not { Length: 11 } mobile || mobile[0] != '1' || !mobile.All(char.IsAsciiDigit))
                {
                    errors.Add($"contacts[{i}].mobile", "must be an 11-digit mainland mobile number.");
                }
            }
        }

        if (Prices is not { Count: <= MaxPrices })
        {
            errors.Add("prices", $"must list at most {MaxPrices} agreed prices.");
        }
        else
        {
            for (var i = 0; i < Prices.Count; i++)
            {
                if (Prices[i] is not { } p)
                {
                    errors.Add($"prices[{i}]", "is required.");
                    continue;
                }

                errors.Required($"prices[{i}].model", p.Model, 60).Required($"prices[{i}].trim", p.Trim, 60).Range($"prices[{i}].price", p.Price, 1m, 10_000_000m);
            }

            if (Prices.Where(p => p is { Model: not null, Trim: not null })
                .GroupBy(p => (p.Model.Trim().ToUpperInvariant(), p.Trim.Trim().ToUpperInvariant())).Any(g => g.Count() > 1))
            {
                errors.Add("prices", "must not agree two prices for one model and trim.");
            }
        }

        return errors;
    }

    /// <summary>The terms as kept: text trimmed, the credit code in capitals.</summary>
    public KeyAccountTerms Tidy() => this with
    {
        Name = Name.Trim(),
        CreditCode = CreditCode.Trim().ToUpperInvariant(),
        Address = Address.Trim(),
        Contacts = [.. Contacts.Select(c => new AccountContact(c.Name.Trim(), c.Title.Trim(), c.Mobile))],
        Prices = [.. Prices.Select(p => new AgreedPrice(p.Model.Trim(), p.Trim.Trim(), p.Price))],
    };
}

/// <summary>A key account as kept: its terms, who opened it and last changed it when, and its revision.</summary>
[GenerateSerializer, Immutable, Alias("KeyAccount")]
public sealed record KeyAccount(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string StoreId,
    [property: Id(2)] KeyAccountTerms Terms,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] string OpenedBy,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] string UpdatedBy,
    [property: Id(7)] int Revision);

/// <summary>A line of the store's key account list.</summary>
[GenerateSerializer, Immutable, Alias("KeyAccountSummary")]
public sealed record KeyAccountSummary(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Name,
    [property: Id(2)] string CreditCode,
    [property: Id(3)] bool SpecialVatInvoice,
    [property: Id(4)] int PaymentDays,
    [property: Id(5)] decimal CreditLimit,
    [property: Id(6)] int AgreedPrices);

/// <summary>A store's key accounts (key: <see cref="GrainKeys.Store"/>): one activation per store takes their changes one at a time.</summary>
[Alias("IKeyAccountsGrain")]
public interface IKeyAccountsGrain : IGrainWithStringKey
{
    /// <summary>The sales manager opens an account; a second account with the same credit code is refused (409 account-exists).</summary>
    [Alias("Open")]
    Task<Outcome<KeyAccount>> Open(KeyAccountTerms terms, string? operationId);

    /// <summary>New terms for the account, replacing the old; with <paramref name="revision"/>, refused if someone changed it since (409 stale-revision).</summary>
    [Alias("Update")]
    Task<Outcome<KeyAccount>> Update(string accountId, KeyAccountTerms terms, int? revision, string? operationId);

    [Alias("Get"), Orleans.Concurrency.AlwaysInterleave]
    Task<Outcome<KeyAccount>> Get(string accountId);

    /// <summary>The store's accounts by name.</summary>
    [Alias("List"), Orleans.Concurrency.AlwaysInterleave]
    Task<Outcome<Page<KeyAccountSummary>>> List(PageRequest page);
}
