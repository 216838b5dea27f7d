using System.ComponentModel;
using Dealership.Contracts.Common;

namespace Dealership.Contracts.Sales;

/// <summary>An accessory (装饰) on a deal: sold at a price, or given free (then it costs its cost).</summary>
[GenerateSerializer, Immutable, Alias("Accessory")]
public sealed record Accessory(
    [property: Id(0)] string Name,
    [property: Id(1)] decimal Cost,
    [property: Id(2)] decimal Price,
    [property: Id(3)] bool Free);

/// <summary>The customer's old car taken in part-exchange (置换): what it is worth to us, and what we credit.</summary>
[GenerateSerializer, Immutable, Alias("TradeIn")]
public sealed record TradeIn(
    [property: Id(0)] string Description,
    [property: Id(1)] decimal Valuation,
    [property: Id(2)] decimal Allowance);

/// <summary>A fee collected for someone else (purchase tax, plate fee): part of what the customer pays, not of gross profit.</summary>
[GenerateSerializer, Immutable, Alias("Fee")]
public sealed record Fee(
    [property: Id(0)] string Name,
    [property: Id(1)] decimal Amount);

/// <summary>定金 is binding (at most 20% of the price, forfeited if the buyer walks away); 订金 is refundable.</summary>
public enum DepositKind
{
    Binding = 1,
    Refundable = 2,
}

/// <summary>
/// What is sold and at what price. Prices are CNY, VAT-inclusive. The store's books set <see cref="ListPrice"/> (a consultant
/// may propose another: the general manager approves it), <see cref="ExpectedRebate"/> (the month's rebate policy; likewise)
/// and <see cref="VehicleCost"/> (the specification's OEM cost until a car is allocated, then that car's own cost; never taken
/// from a request). Left out (0), each is taken from the books.
/// </summary>
[GenerateSerializer, Immutable, Alias("DealTerms")]
public sealed record DealTerms(
    [property: Id(0)] string Model,
    [property: Id(1)] string Trim,
    [property: Id(2)] string Colour,
    [property: Id(3), DefaultValue(typeof(decimal), "0")] decimal ListPrice,
    [property: Id(4), DefaultValue(typeof(decimal), "0")] decimal Discount,
    [property: Id(5), DefaultValue(typeof(decimal), "0")] decimal VehicleCost,
    [property: Id(6), DefaultValue(typeof(decimal), "0")] decimal ExpectedRebate,
    [property: Id(7)] IReadOnlyList<Accessory>? Accessories,
    [property: Id(8), DefaultValue(typeof(decimal), "0")] decimal InsuranceCommission,
    [property: Id(9), DefaultValue(typeof(decimal), "0")] decimal FinanceCommission,
    [property: Id(10)] TradeIn? TradeIn,
    [property: Id(11)] IReadOnlyList<Fee>? Fees,
    [property: Id(12)] DepositKind DepositKind)
{
    public const decimal MaxAmount = 100_000_000m;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("model", Model, 60).Required("trim", Trim, 60).Required("colour", Colour, 40);
        // 0 (or left out): the store's books give the list price, the vehicle cost and the expected rebate.
        Money(errors, "listPrice", ListPrice, 0m);
        Money(errors, "discount", Discount, 0m);
        Money(errors, "vehicleCost", VehicleCost, 0m);
        Money(errors, "expectedRebate", ExpectedRebate, 0m);
        Money(errors, "insuranceCommission", InsuranceCommission, 0m);
        Money(errors, "financeCommission", FinanceCommission, 0m);
        if (Discount >= ListPrice && ListPrice > 0)
        {
            errors.Add("discount", "must be below the list price.");
        }

        if (!Enum.IsDefined(DepositKind))
        {
            errors.Add("depositKind", "must be Binding (定金) or Refundable (订金).");
        }

        var accessories = Accessories ?? [];
        if (accessories.Count > 50)
        {
            errors.Add("accessories", "may list at most 50 items.");
        }

        for (var i = 0; i < Math.Min(accessories.Count, 50); i++)
        {
            var a = accessories[i];
            if (a is null)
            {
                errors.Add($"accessories[{i}]", "is required.");
                continue;
            }

            errors.Required($"accessories[{i}].name", a.Name, 80);
            Money(errors, $"accessories[{i}].cost", a.Cost, 0m);
            Money(errors, $"accessories[{i}].price", a.Price, 0m);
            if (a.Free && a.Price != 0)
            {
                errors.Add($"accessories[{i}].price", "must be 0 for a free accessory.");
            }
        }

        var fees = Fees ?? [];
        if (fees.Count > 20)
        {
            errors.Add("fees", "may list at most 20 items.");
        }

        for (var i = 0; i < Math.Min(fees.Count, 20); i++)
        {
            if (fees[i] is not { } f)
            {
                errors.Add($"fees[{i}]", "is required.");
                continue;
            }

            errors.Required($"fees[{i}].name", f.Name, 80);
            Money(errors, $"fees[{i}].amount", f.Amount, 0m);
        }

        if (TradeIn is { } t)
        {
            errors.Required("tradeIn.description", t.Description, 120);
            Money(errors, "tradeIn.valuation", t.Valuation, 0m);
            Money(errors, "tradeIn.allowance", t.Allowance, 0m);
        }

        return errors;
    }

    private static void Money(FieldErrors errors, string field, decimal value, decimal min)
    {
        errors.Range(field, value, min, MaxAmount);
        if (decimal.Round(value, 2) != value)
        {
            errors.Add(field, "must have at most 2 decimal places.");
        }
    }

    // Records compare lists by reference; two terms are equal when their lines are.
    public bool Equals(DealTerms? other) =>
        other is not null && (Model, Trim, Colour, ListPrice, Discount, VehicleCost, ExpectedRebate, InsuranceCommission, FinanceCommission, TradeIn, DepositKind)
            == (other.Model, other.Trim, other.Colour, other.ListPrice, other.Discount, other.VehicleCost, other.ExpectedRebate,
                other.InsuranceCommission, other.FinanceCommission, other.TradeIn, other.DepositKind)
        && (Accessories ?? []).SequenceEqual(other.Accessories ?? []) && (Fees ?? []).SequenceEqual(other.Fees ?? []);

    public override int GetHashCode() => HashCode.Combine(Model, Trim, Colour, ListPrice, Discount, VehicleCost);
}
