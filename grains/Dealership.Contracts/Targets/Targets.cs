using Dealership.Contracts.Common;

namespace Dealership.Contracts.Targets;

/// <summary>A model line's share of a store's year (where the store sells several).</summary>
[GenerateSerializer, Immutable, Alias("ModelLineTarget")]
public sealed record ModelLineTarget(
    [property: Id(0)] string Model,
    [property: Id(1)] int Units,
    [property: Id(2)] decimal GrossProfit);

/// <summary>What group HQ sets a store for a year (年度目标): retail units and gross profit (CNY, net of VAT), optionally by model line.</summary>
[GenerateSerializer, Immutable, Alias("AnnualTarget")]
public sealed record AnnualTarget(
    [property: Id(0)] int Units,
    [property: Id(1)] decimal GrossProfit,
    [property: Id(2)] IReadOnlyList<ModelLineTarget>? Lines = null)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors().Range("units", Units, 0, 1_000_000).Range("grossProfit", GrossProfit, -1_000_000_000m, 10_000_000_000m);
        if (Lines is not { } lines)
        {
            return errors;
        }

        if (lines.Count > 50)
        {
            return errors.Add("lines", "at most 50 model lines.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i] is not { } line)
            {
                errors.Add($"lines[{i}]", "is required.");
                continue;
            }

            errors.Required($"lines[{i}].model", line.Model, 60).Range($"lines[{i}].units", line.Units, 0, 1_000_000);
            if (lines.Take(i).Any(o => string.Equals(o?.Model, line.Model, StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"lines[{i}].model", "is named twice.");
            }
        }

        if (lines.Where(l => l is not null).Sum(l => (long)l.Units) > Units)
        {
            errors.Add("lines", $"the model lines add up to {lines.Where(l => l is not null).Sum(l => (long)l.Units)} units, more than the year's {Units}.");
        }

        return errors;
    }
}

/// <summary>
/// The sales manager's seasonal split of the year (季节权重): twelve weights in percent, January first. They add up to 100, or the
/// gap shows as unallocated; more than 100 is refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("MonthWeights")]
public sealed record MonthWeights([property: Id(0)] IReadOnlyList<decimal> Weights)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Weights is null || Weights.Count != 12)
        {
            return errors.Add("weights", "give twelve weights in percent, January first.");
        }

        for (var i = 0; i < 12; i++)
        {
            errors.Range($"weights[{i}]", Weights[i], 0m, 100m);
        }

        if (Weights.Sum() > 100m)
        {
            errors.Add("weights", $"add up to {Weights.Sum()}%, more than 100%.");
        }

        return errors;
    }
}

/// <summary>A consultant's share of a month.</summary>
[GenerateSerializer, Immutable, Alias("ConsultantTarget")]
public sealed record ConsultantTarget(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] int Units,
    [property: Id(2)] decimal GrossProfit);

/// <summary>The month split into consultants; what is not given to anyone shows as unallocated.</summary>
[GenerateSerializer, Immutable, Alias("ConsultantSplit")]
public sealed record ConsultantSplit([property: Id(0)] IReadOnlyList<ConsultantTarget> Consultants)
{
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();
        if (Consultants is null)
        {
            return errors.Add("consultants", "is required.");
        }

        if (Consultants.Count > 100)
        {
            return errors.Add("consultants", "at most 100.");
        }

        for (var i = 0; i < Consultants.Count; i++)
        {
            if (Consultants[i] is not { } c)
            {
                errors.Add($"consultants[{i}]", "is required.");
                continue;
            }

            errors.Id($"consultants[{i}].consultantId", c.ConsultantId).Range($"consultants[{i}].units", c.Units, 0, 100_000)
                .Range($"consultants[{i}].grossProfit", c.GrossProfit, -100_000_000m, 1_000_000_000m);
            if (Consultants.Take(i).Any(o => o?.ConsultantId == c.ConsultantId))
            {
                errors.Add($"consultants[{i}].consultantId", "is named twice.");
            }
        }

        return errors;
    }
}

/// <summary>One month of the plan: its weight, what it is set, its consultants' shares and what is not given to anyone.</summary>
[GenerateSerializer, Immutable, Alias("MonthTarget")]
public sealed record MonthTarget(
    [property: Id(0)] int Month,
    [property: Id(1)] decimal Weight,
    [property: Id(2)] int Units,
    [property: Id(3)] decimal GrossProfit,
    [property: Id(4)] IReadOnlyList<ConsultantTarget> Consultants,
    [property: Id(5)] int UnallocatedUnits,
    [property: Id(6)] decimal UnallocatedGrossProfit);

/// <summary>A store's plan for a year: HQ's target, the months, the consultants, and the gaps still unallocated.</summary>
[GenerateSerializer, Immutable, Alias("TargetPlan")]
public sealed record TargetPlan(
    [property: Id(0)] string StoreId,
    [property: Id(1)] int Year,
    [property: Id(2)] AnnualTarget? Annual,
    [property: Id(3)] IReadOnlyList<MonthTarget> Months,
    [property: Id(4)] int UnallocatedUnits,
    [property: Id(5)] decimal UnallocatedGrossProfit,
    [property: Id(6)] DateTimeOffset? ChangedAt,
    [property: Id(7)] string? ChangedBy,
    [property: Id(8)] int Revision);

/// <summary>Target and actuals side by side. Progress is retail sales ÷ target units (gross profit ÷ its target), null without a target.</summary>
[GenerateSerializer, Immutable, Alias("TargetFigures")]
public sealed record TargetFigures(
    [property: Id(0)] int TargetUnits,
    [property: Id(1)] decimal TargetGrossProfit,
    [property: Id(2)] int Orders,
    [property: Id(3)] int RetailSales,
    [property: Id(4)] int Deliveries,
    [property: Id(5)] decimal GrossProfit,
    [property: Id(6)] decimal? Progress,
    [property: Id(7)] decimal? GrossProfitProgress);

[GenerateSerializer, Immutable, Alias("ConsultantProgress")]
public sealed record ConsultantProgress(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] TargetFigures Figures);

/// <summary>
/// A month's progress (目标进度): the store's and each consultant's target beside what they did, and the share of the month gone
/// (days, in the store's time zone), so 40% of the target with half the month gone reads as behind.
/// </summary>
[GenerateSerializer, Immutable, Alias("TargetProgress")]
public sealed record TargetProgress(
    [property: Id(0)] string StoreId,
    [property: Id(1)] string Month,
    [property: Id(2)] int DaysInMonth,
    [property: Id(3)] decimal DaysGone,
    [property: Id(4)] decimal TimeGone,
    [property: Id(5)] TargetFigures Store,
    [property: Id(6)] IReadOnlyList<ConsultantProgress> Consultants,
    [property: Id(7)] DateTimeOffset At);

/// <summary>A store's targets for a year. Key: <see cref="TargetKeys.Year"/>.</summary>
[Alias("IStoreTargetsGrain")]
public interface IStoreTargetsGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<Outcome<TargetPlan>> Get();

    /// <summary>Group HQ sets the year's units and gross profit (by model line where the store sells several).</summary>
    [Alias("SetAnnual")]
    Task<Outcome<TargetPlan>> SetAnnual(AnnualTarget target, string? operationId);

    /// <summary>The sales manager splits the year into months by seasonal weights.</summary>
    [Alias("SplitMonths")]
    Task<Outcome<TargetPlan>> SplitMonths(MonthWeights weights, string? operationId);

    /// <summary>The sales manager splits a month (1-12) into consultants; more than the month's target is refused.</summary>
    [Alias("SplitConsultants")]
    Task<Outcome<TargetPlan>> SplitConsultants(int month, ConsultantSplit split, string? operationId);

    /// <summary>A month's (1-12) target beside its actuals, today.</summary>
    [Alias("GetProgress")]
    Task<Outcome<TargetProgress>> GetProgress(int month);
}

public static class TargetKeys
{
    public static string Year(string storeId, int year) =>
        GrainKeys.InStore(storeId, "tg" + year.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
