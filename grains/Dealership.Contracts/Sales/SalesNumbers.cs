namespace Dealership.Contracts.Sales;

/// <summary>What a sales fact counts.</summary>
public enum SalesFactKind
{
    Visit = 1,
    FirstVisit = 2,
    Call = 3,

    /// <summary>A prospect card opened (留档): the count behind the record rate.</summary>
    ProspectCardOpened = 4,
    TestDrive = 5,

    /// <summary>A signed contract.</summary>
    Order = 6,

    /// <summary>An issued sales invoice.</summary>
    RetailSale = 7,
    Delivery = 8,
    OrderCancelled = 9,

    /// <summary>A prospect the sales manager confirmed lost (战败), with the consultant's reason.</summary>
    ProspectLost = 10,

    /// <summary>An invoiced sale unwound (退车): it counts as minus one retail sale, with its gross profit, in the month of the unwind.</summary>
    RetailSaleUnwound = 11,
}

/// <summary>
/// One countable event. <see cref="Id"/> makes counting idempotent: the same fact recorded twice counts once.
/// A retail sale carries its gross profit and what else was sold with the car; a lost prospect its reason.
/// </summary>
[GenerateSerializer, Immutable, Alias("SalesFact")]
public sealed record SalesFact(
    [property: Id(0)] string Id,
    [property: Id(1)] SalesFactKind Kind,
    [property: Id(2)] DateOnly LocalDate,
    [property: Id(3)] string? ConsultantId,
    [property: Id(4)] decimal GrossProfit = 0m,
    [property: Id(5)] bool WithAccessories = false,
    [property: Id(6)] bool WithInsurance = false,
    [property: Id(7)] bool WithFinance = false,
    [property: Id(8)] string? Spec = null,
    [property: Id(9)] string? Reason = null,
    [property: Id(10)] decimal AccessoryIncome = 0m,
    [property: Id(11)] decimal InsuranceIncome = 0m,
    [property: Id(12)] decimal FinanceIncome = 0m);

/// <summary>Figures for one period. Rates are fractions (0.25 = 25%), null when there is nothing to divide by.</summary>
[GenerateSerializer, Immutable, Alias("SalesFigures")]
public sealed record SalesFigures(
    [property: Id(0)] int Visits,
    [property: Id(1)] int Calls,
    [property: Id(2)] int FirstVisits,
    [property: Id(3)] int Records,
    [property: Id(4)] int TestDrives,
    [property: Id(5)] int Orders,
    [property: Id(6)] int RetailSales,
    [property: Id(7)] int Deliveries,
    [property: Id(8)] int OrdersCancelled,
    [property: Id(9)] decimal GrossProfit,
    [property: Id(10)] decimal? RecordRate,
    [property: Id(11)] decimal? TestDriveRate,
    [property: Id(12)] decimal? ClosingRate,
    [property: Id(13)] decimal? GrossProfitPerUnit,
    [property: Id(14)] decimal? AccessoryPenetration,
    [property: Id(15)] decimal? InsurancePenetration,
    [property: Id(16)] decimal? FinancePenetration,
    [property: Id(17)] int FollowUpsOverdue);

[GenerateSerializer, Immutable, Alias("ConsultantFigures")]
public sealed record ConsultantFigures(
    [property: Id(0)] string ConsultantId,
    [property: Id(1)] SalesFigures Today,
    [property: Id(2)] SalesFigures MonthToDate);

[GenerateSerializer, Immutable, Alias("SalesNumbersView")]
public sealed record SalesNumbersView(
    [property: Id(0)] string StoreId,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] SalesFigures Today,
    [property: Id(3)] SalesFigures MonthToDate,
    [property: Id(4)] IReadOnlyList<ConsultantFigures> Consultants);

/// <summary>
/// A store's sales numbers, counted with SQL from the facts each change writes with its own state (a visit with the register
/// entry, an order with the signed deal...), idempotent by fact id. Key: <see cref="Common.GrainKeys.Store"/>.
/// </summary>
[Alias("ISalesNumbersGrain")]
public interface ISalesNumbersGrain : IGrainWithStringKey
{
    /// <summary>The day's and the month-to-date figures of the store and each consultant; overdue follow-ups are live.</summary>
    [Alias("Get")]
    Task<SalesNumbersView> Get(DateOnly date, string? consultantId);

    /// <summary>The store's figures over the local days <paramref name="from"/> to <paramref name="to"/>.</summary>
    [Alias("Range")]
    Task<SalesFigures> Range(DateOnly from, DateOnly to);

    /// <summary>Retail sales over the local days <paramref name="from"/> to <paramref name="to"/> by specification ("model|trim|colour").</summary>
    [Alias("RetailBySpec")]
    Task<IReadOnlyDictionary<string, int>> RetailBySpec(DateOnly from, DateOnly to);
}
