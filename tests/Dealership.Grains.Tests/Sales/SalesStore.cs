using Dealership.Contracts.Common;
using Dealership.Contracts.Consultants;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Sales;

/// <summary>A fresh store with one member of staff per sales role, and shortcuts to the grains a sales test uses.</summary>
public sealed class SalesStore
{
    private SalesStore(ClusterFixture fixture, string group, string store, string otherStore)
    {
        Fixture = fixture;
        Group = group;
        Store = store;
        OtherStore = otherStore;
    }

    public ClusterFixture Fixture { get; }

    public string Group { get; }

    public string Store { get; }

    public string OtherStore { get; }

    public Caller Sc1 { get; private set; } = null!;

    public Caller Sc2 { get; private set; } = null!;

    public Caller Manager { get; private set; } = null!;

    public Caller Gm { get; private set; } = null!;

    public Caller Cashier { get; private set; } = null!;

    public Caller Finance { get; private set; } = null!;

    public Caller Tech { get; private set; } = null!;

    public static async Task<SalesStore> Open(ClusterFixture fixture)
    {
        var (group, stores) = await fixture.NewGroup(2);
        var s = new SalesStore(fixture, group, stores[0], stores[1])
        {
            Manager = await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]),
            Gm = await fixture.NewStaff(group, StaffRole.GeneralManager, stores[0]),
            Cashier = await fixture.NewStaff(group, StaffRole.Cashier, stores[0]),
            Finance = await fixture.NewStaff(group, StaffRole.FinanceSpecialist, stores[0]),
            Tech = await fixture.NewStaff(group, StaffRole.Technician, stores[0]),
        };
        s.Sc1 = await s.NewConsultant();
        s.Sc2 = await s.NewConsultant();

        // The books every deal of these tests is priced from: a white Tiguan L listed at 219,800, costing 200,000 from the OEM,
        // with a 6,000 rebate a unit this month and the next two (tests move the clock).
        await s.Price("Tiguan L", "330TSI", "White", 219_800m, 200_000m);
        var month = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        for (var i = 0; i < 3; i++)
        {
            await s.Rebate("Tiguan L", month.AddMonths(i), 6_000m);
        }

        return s;
    }

    public IPriceBookGrain Books => Grains.GetGrain<IPriceBookGrain>(GrainKeys.Store(Store));

    /// <summary>The sales manager prices a specification (guide price 2% below the list).</summary>
    public async Task Price(string model, string trim, string colour, decimal listPrice, decimal cost)
    {
        using var _ = As(Manager);
        Ok(await Books.SetPrice(new PriceBookEntry(model, trim, colour, listPrice, decimal.Round(listPrice * 0.98m, 0), cost), null));
    }

    /// <summary>The sales manager sets a model's rebate per unit for the month of <paramref name="day"/>.</summary>
    public async Task Rebate(string model, DateOnly day, decimal perUnit)
    {
        using var _ = As(Manager);
        Ok(await Books.SetRebate(new RebatePolicy(model, RebatePolicy.MonthOf(day), perUnit), null));
    }

    /// <summary>A consultant on the floor and available.</summary>
    public async Task<Caller> NewConsultant(string? store = null)
    {
        var consultant = await Fixture.NewStaff(Group, StaffRole.SalesConsultant, store ?? Store);
        using var _ = As(consultant);
        Ok(await Consultant(consultant.StaffId, store).SetStatus(ConsultantStatus.Available, null, null));
        return consultant;
    }

    public IGrainFactory Grains => Fixture.Grains;

    public IConsultantGrain Consultant(string staffId, string? store = null) =>
        Grains.GetGrain<IConsultantGrain>(GrainKeys.InStore(store ?? Store, staffId));

    public IShowroomRegisterGrain Register(string? store = null) =>
        Grains.GetGrain<IShowroomRegisterGrain>(GrainKeys.ShowroomRegister(store ?? Store, Today));

    public ICustomerGrain Customer(string customerId) => Grains.GetGrain<ICustomerGrain>(GrainKeys.InStore(Store, customerId));

    public ICustomerListGrain Lists => Grains.GetGrain<ICustomerListGrain>(GrainKeys.Store(Store));

    /// <summary>Every prospect card the filter finds, read page by page.</summary>
    public async Task<List<ProspectSummary>> Prospects(string? consultantId = null, ProspectStatus? status = null, bool overdueOnly = false)
    {
        var all = new List<ProspectSummary>();
        string? after = null;
        do
        {
            var page = Ok(await Lists.Prospects(new ProspectFilter(consultantId, status, overdueOnly), new PageRequest(2, after)));
            all.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return all;
    }

    public IDealGrain Deal(string dealId) => Grains.GetGrain<IDealGrain>(GrainKeys.InStore(Store, dealId));

    public IVehicleGrain Car(string vin) => Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(Group, vin));

    public ITestDriveGrain Drive(string driveId) => Grains.GetGrain<ITestDriveGrain>(GrainKeys.InStore(Store, driveId));

    public ISalesNumbersGrain Numbers => Grains.GetGrain<ISalesNumbersGrain>(GrainKeys.Store(Store));

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    /// <summary>A walk-in with a mobile number, taken by <paramref name="consultant"/>; returns the customer id.</summary>
    public async Task<string> WalkIn(Caller consultant, string mobile, ProspectGrade grade = ProspectGrade.H)
    {
        using var _ = As(consultant);
        var entry = Ok(await Register().Log(new NewRegisterEntry(EntryKind.Visit, EntrySource.WalkIn, "Wang Fang", mobile, "Tiguan L", 2,
            consultant.StaffId, grade, 250_000m), null));
        return entry.CustomerId!;
    }

    /// <summary>A car of this store, in stock.</summary>
    public async Task<string> CarInStock(string model = "Tiguan L", string trim = "330TSI", string colour = "White", bool demo = false,
        decimal cost = 200_000m)
    {
        var vin = TestVins.Next();
        using var _ = As(Caller.Platform("test"));
        Ok(await Car(vin).Register(Store, new NewVehicle(vin, model, trim, colour, cost, VehicleStatus.InStock, demo), null));
        return vin;
    }

    /// <summary>Terms for a white Tiguan L: list price, vehicle cost and rebate left out, so the store's books give them.</summary>
    public static DealTerms Terms(decimal discount = 2_000m, DepositKind deposit = DepositKind.Binding) =>
        new("Tiguan L", "330TSI", "White", 0m, discount, 0m, 0m,
            [new Accessory("Floor mats", 300m, 800m, false)],
            1_500m, 0m, null, [new Fee("Plate fee", 500m)], deposit);

    /// <summary>A deal opened by <see cref="Sc1"/> for a new walk-in customer.</summary>
    public async Task<string> NewDeal(DealTerms? terms = null, string? mobile = null)
    {
        var customer = await WalkIn(Sc1, mobile ?? NewMobile());
        var dealId = "dl" + Guid.NewGuid().ToString("N")[..16];
        using var _ = As(Sc1);
        Ok(await Deal(dealId).Open(new NewDeal(customer, null, terms ?? Terms())));
        return dealId;
    }

    /// <summary>A deal signed on a car in stock.</summary>
    public async Task<(string DealId, string Vin)> SignedDealWithCar(DealTerms? terms = null)
    {
        var dealId = await NewDeal(terms);
        var vin = await CarInStock(model: (terms ?? Terms()).Model, trim: (terms ?? Terms()).Trim, colour: (terms ?? Terms()).Colour);
        using var _ = As(Sc1);
        Ok(await Deal(dealId).Submit(null));
        Ok(await Deal(dealId).Sign(null));
        Ok(await Deal(dealId).AllocateVin(vin, null));
        return (dealId, vin);
    }

    /// <summary>A deal taken all the way to the handover: PDI, payment in full, invoice, checks; the clock moves 8 hours.</summary>
    public async Task<(string DealId, string Vin)> DeliveredDeal()
    {
        var (dealId, vin) = await SignedDealWithCar();
        using (As(Sc1))
        {
            Ok(await Deal(dealId).ScheduleHandover(Clock.GetUtcNow().AddHours(8), null));
        }

        using (As(Tech))
        {
            Ok(await Deal(dealId).SignPdi(Delivery.PdiChecklist.Select(c => new PdiItem(c, true, null)).ToArray(), 12, null));
        }

        using (As(Cashier))
        {
            var due = Ok(await Deal(dealId).Get()).Figures.CashDue;
            Ok(await Deal(dealId).RecordPayment(new PaymentDraft(PaymentKind.Payment, PaymentMethod.BankTransfer, due, null), null));
            Ok(await Deal(dealId).IssueInvoice(null));
        }

        Clock.Advance(TimeSpan.FromHours(8));
        using (As(Sc1))
        {
            Ok(await Deal(dealId).ConfirmDeliveryChecks(true, true, true, null));
            Ok(await Deal(dealId).StartHandover(null));
            Ok(await Deal(dealId).CompleteHandover(null));
        }

        return (dealId, vin);
    }

    private static int mobiles;

    public static string NewMobile() => $"139{Interlocked.Increment(ref mobiles):D8}";
}
