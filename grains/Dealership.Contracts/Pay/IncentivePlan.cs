using Dealership.Contracts.Common;

namespace Dealership.Contracts.Pay;

/// <summary>An amount per unit sold of a model line (<c>*</c>: any other model).</summary>
[GenerateSerializer, Immutable, Alias("ModelLineRate")]
public sealed record ModelLineRate([property: Id(0)] string Model, [property: Id(1)] decimal Amount);

/// <summary>Once the consultant's retail units in the month reach <see cref="FromUnits"/>, every unit of the month earns this bonus, back to the first.</summary>
[GenerateSerializer, Immutable, Alias("UnitTier")]
public sealed record UnitTier([property: Id(0)] int FromUnits, [property: Id(1)] decimal BonusPerUnit);

/// <summary>Once the month's target attainment (retail units ÷ target) reaches <see cref="FromAttainment"/>, the month's pay is multiplied.</summary>
[GenerateSerializer, Immutable, Alias("AttainmentMultiplier")]
public sealed record AttainmentMultiplier([property: Id(0)] decimal FromAttainment, [property: Id(1)] decimal Multiplier);

/// <summary>A time-limited bonus on a model (spiff): each unit of it invoiced between the two store-local days (inclusive).</summary>
[GenerateSerializer, Immutable, Alias("Spiff")]
public sealed record Spiff([property: Id(0)] string Model, [property: Id(1)] decimal Amount, [property: Id(2)] DateOnly From, [property: Id(3)] DateOnly To);

/// <summary>
/// How a store pays its consultants for what they sell (销售及奖励政策), as data the sales manager edits: an amount per unit by model
/// line, a share of each deal's net gross profit, shares of its accessory, insurance and finance income, a minimum per deal, unit
/// tiers that apply back to the first unit, spiffs, and multipliers by target attainment. A deal is paid by the version in force
/// on the day it is invoiced (<see cref="EffectiveFrom"/>, store-local). <see cref="Template"/> names the group template a store's
/// version was adopted from (null: the store's own).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncentivePlan")]
public sealed record IncentivePlan(
    [property: Id(0)] string Name,
    [property: Id(1)] DateOnly EffectiveFrom,
    [property: Id(2)] IReadOnlyList<ModelLineRate> PerUnit,
    [property: Id(3)] decimal GrossProfitShare,
    [property: Id(4)] decimal AccessoryShare,
    [property: Id(5)] decimal InsuranceShare,
    [property: Id(6)] decimal FinanceShare,
    [property: Id(7)] decimal MinimumPerDeal,
    [property: Id(8)] IReadOnlyList<UnitTier> Tiers,
    [property: Id(9)] IReadOnlyList<Spiff> Spiffs,
    [property: Id(10)] IReadOnlyList<AttainmentMultiplier> Multipliers,
    [property: Id(11)] string? Template = null)
{
    public const int MaxLines = 50;

    public FieldErrors Validate()
    {
        var errors = new FieldErrors()
            .Required("name", Name, 80)
            .Range("grossProfitShare", GrossProfitShare, 0m, 1m)
            .Range("accessoryShare", AccessoryShare, 0m, 1m)
            .Range("insuranceShare", InsuranceShare, 0m, 1m)
            .Range("financeShare", FinanceShare, 0m, 1m)
            .Range("minimumPerDeal", MinimumPerDeal, 0m, 100_000m);
        if (Template is { } template && (string.IsNullOrWhiteSpace(template) || template.Length > 80))
        {
            errors.Add("template", "must name a group template (at most 80 characters) or be left out.");
        }

        if (EffectiveFrom == default)
        {
            errors.Add("effectiveFrom", "is required: the store-local day the plan takes effect (yyyy-MM-dd).");
        }

        ValidateList(errors, "perUnit", PerUnit, (e, f, r) =>
        {
            e.Required($"{f}.model", r.Model, 60).Range($"{f}.amount", r.Amount, 0m, 100_000m);
        });
        if (PerUnit is { } rates && rates.Where(r => r is not null).GroupBy(r => r.Model?.Trim(), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            errors.Add("perUnit", "must not list a model line twice.");
        }

        ValidateList(errors, "tiers", Tiers, (e, f, t) => e.Range($"{f}.fromUnits", t.FromUnits, 1, 10_000).Range($"{f}.bonusPerUnit", t.BonusPerUnit, 0m, 100_000m));
        if (Tiers is { } tiers && tiers.Where(t => t is not null).Zip(tiers.Where(t => t is not null).Skip(1)).Any(p => p.Second.FromUnits <= p.First.FromUnits))
        {
            errors.Add("tiers", "must be in ascending order of fromUnits, each above the one before.");
        }

        ValidateList(errors, "multipliers", Multipliers, (e, f, m) =>
            e.Range($"{f}.fromAttainment", m.FromAttainment, 0m, 10m).Range($"{f}.multiplier", m.Multiplier, 0m, 5m));
        if (Multipliers is { } steps && steps.Where(m => m is not null).Zip(steps.Where(m => m is not null).Skip(1)).Any(p => p.Second.FromAttainment <= p.First.FromAttainment))
        {
            errors.Add("multipliers", "must be in ascending order of fromAttainment, each above the one before.");
        }

        ValidateList(errors, "spiffs", Spiffs, (e, f, s) =>
        {
            e.Required($"{f}.model", s.Model, 60).Range($"{f}.amount", s.Amount, 0m, 100_000m);
            if (s.From == default || s.To == default || s.To < s.From)
            {
                e.Add($"{f}.to", "must be on or after from (both store-local days, yyyy-MM-dd).");
            }
        });
        if (Spiffs is { } spiffs)
        {
            var valid = spiffs.Where(s => s is not null && s.Model is not null && s.To >= s.From).ToList();
            for (var i = 0; i < valid.Count; i++)
            {
                if (valid.Skip(i + 1).Any(o => string.Equals(o.Model.Trim(), valid[i].Model.Trim(), StringComparison.OrdinalIgnoreCase)
                    && o.From <= valid[i].To && valid[i].From <= o.To))
                {
                    errors.Add("spiffs", $"two spiffs on {valid[i].Model.Trim()} overlap: a model has one spiff on any day.");
                    break;
                }
            }
        }

        return errors;
    }

    private static void ValidateList<T>(FieldErrors errors, string field, IReadOnlyList<T>? items, Action<FieldErrors, string, T> check)
        where T : class
    {
        if (items is null || items.Count > MaxLines)
        {
            errors.Add(field, $"must list at most {MaxLines} lines.");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item)
            {
                errors.Add($"{field}[{i}]", "is required.");
                continue;
            }

            check(errors, $"{field}[{i}]", item);
        }
    }
}
