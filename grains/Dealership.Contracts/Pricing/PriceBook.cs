using Dealership.Contracts.Common;

namespace Dealership.Contracts.Pricing;

/// <summary>
/// The store's price for one specification (model, trim, colour), kept by the sales manager: the list price customers are
/// quoted (指导价), the store's guide price for a deal (建议成交价), and the OEM invoice cost of the specification, which stands as a
/// deal's vehicle cost until a car is allocated. CNY, VAT-inclusive.
/// </summary>
[GenerateSerializer, Immutable, Alias("PriceBookEntry")]
public sealed record PriceBookEntry(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3)] decimal ListPrice,
    [property: Id(4)] decimal GuidePrice,
    [property: Id(5)] decimal Cost)
{
    public const decimal MaxAmount = 100_000_000m;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("model", Model, 60).Required("trim", Trim, 60).Required("colour", Colour, 40);
        Money(errors, "listPrice", ListPrice);
        Money(errors, "guidePrice", GuidePrice);
        Money(errors, "cost", Cost);
        if (GuidePrice > ListPrice)
        {
            errors.Add("guidePrice", "must not be above the list price.");
        }

        return errors;
    }

    internal static void Money(FieldErrors errors, string field, decimal value, decimal min = 0.01m)
    {
        errors.Range(field, value, min, MaxAmount);
        if (decimal.Round(value, 2) != value)
        {
            errors.Add(field, "must have at most 2 decimal places.");
        }
    }
}

/// <summary>The OEM's retail rebate (返利) per unit of a model for one month, as the store expects it (kept by the sales manager).</summary>
[GenerateSerializer, Immutable, Alias("RebatePolicy")]
public sealed record RebatePolicy(
    [property: Id(0)] string Model,
    [property: Id(1)] string Month,
    [property: Id(2)] decimal PerUnit)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Required("model", Model, 60);
        if (!IsMonth(Month))
        {
            errors.Add("month", "must be a month (yyyy-MM).");
        }

        PriceBookEntry.Money(errors, "perUnit", PerUnit, 0m);
        return errors;
    }

    public static bool IsMonth(string? month) =>
        month is { Length: 7 } && DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out _);

    public static string MonthOf(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A price-book line as kept: the entry and who set it when.</summary>
[GenerateSerializer, Immutable, Alias("PriceBookLine")]
public sealed record PriceBookLine(
    [property: Id(0)] PriceBookEntry Entry,
    [property: Id(1)] DateTimeOffset UpdatedAt,
    [property: Id(2)] string UpdatedBy);

/// <summary>A rebate policy as kept: the policy and who set it when.</summary>
[GenerateSerializer, Immutable, Alias("RebatePolicyLine")]
public sealed record RebatePolicyLine(
    [property: Id(0)] RebatePolicy Policy,
    [property: Id(1)] DateTimeOffset UpdatedAt,
    [property: Id(2)] string UpdatedBy);

/// <summary>What the store's books say a specification costs and earns this month: the price line and the month's rebate (0 if none).</summary>
[GenerateSerializer, Immutable, Alias("PriceQuote")]
public sealed record PriceQuote(
    [property: Id(0)] PriceBookEntry Entry,
    [property: Id(1)] decimal Rebate,
    [property: Id(2)] string Month);

/// <summary>A store's price book and rebate policies. Key: <see cref="GrainKeys.Store"/>.</summary>
[Alias("IPriceBookGrain")]
public interface IPriceBookGrain : IGrainWithStringKey
{
    /// <summary>Sets (adds or changes) the price of a specification; the change is kept with who and when.</summary>
    [Alias("SetPrice")]
    Task<Outcome<PriceBookLine>> SetPrice(PriceBookEntry entry, string? operationId);

    /// <summary>Sets a model's rebate per unit for a month; the change is kept with who and when.</summary>
    [Alias("SetRebate")]
    Task<Outcome<RebatePolicyLine>> SetRebate(RebatePolicy policy, string? operationId);

    /// <summary>The store's price and this month's rebate for a specification (not-found if the specification is not priced).</summary>
    [Alias("Quote")]
    Task<Outcome<PriceQuote>> Quote(string model, string trim, string colour, DateOnly day);

    /// <summary>The price book, by model, trim and colour, a page at a time.</summary>
    [Alias("ListPrices")]
    Task<Outcome<Page<PriceBookLine>>> ListPrices(PageRequest page);

    /// <summary>The rebate policies of a month, by model.</summary>
    [Alias("ListRebates")]
    Task<Outcome<Page<RebatePolicyLine>>> ListRebates(string month, PageRequest page);
}
