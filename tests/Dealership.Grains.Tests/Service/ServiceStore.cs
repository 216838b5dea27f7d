using Dealership.Contracts.Common;
using Dealership.Contracts.Groups;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Service;

/// <summary>
/// A store with a workshop and its people, for the service tests. Its time zone is picked so that the shared clock reads late
/// morning there (11:xx), whatever earlier tests did to the clock: walk-ins and "today" then always fall inside opening hours.
/// </summary>
public sealed record ServiceStore(string Group, string Id, TimeZoneInfo Zone, Caller Advisor, Caller OtherAdvisor, Caller TechA, Caller TechB,
    Caller Manager, Caller CallerStaff, Caller Planner)
{
    public const decimal LabourRate = 200m;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), Zone).DateTime);

    public DateTimeOffset LocalTime(DateOnly day, int hour, int minute = 0) =>
        new(day.ToDateTime(new TimeOnly(hour, minute)), Zone.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, minute))));

    public static async Task<ServiceStore> Create(ClusterFixture fixture, int bays = 2)
    {
        var (group, _) = await fixture.NewGroup(0);
        var offset = 11 - Clock.GetUtcNow().UtcDateTime.Hour; // -12..11
        var zoneId = offset == 0 ? "Etc/GMT" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        var storeId = $"{group}-ws";
        using (As(Caller.Platform("test")))
        {
            Ok(await fixture.Grains.GetGrain<IStoreGrain>(GrainKeys.Store(storeId))
                .Open(group, new StoreProfile("Workshop store", "Volkswagen", zoneId), StorePolicies.Default));
        }

        var store = new ServiceStore(group, storeId, TimeZoneInfo.FindSystemTimeZoneById(zoneId),
            await fixture.NewStaff(group, StaffRole.ServiceAdvisor, storeId), await fixture.NewStaff(group, StaffRole.ServiceAdvisor, storeId),
            await fixture.NewStaff(group, StaffRole.Technician, storeId), await fixture.NewStaff(group, StaffRole.Technician, storeId),
            await fixture.NewStaff(group, StaffRole.GeneralManager, storeId), await fixture.NewStaff(group, StaffRole.CustomerServiceCaller, storeId),
            await fixture.NewStaff(group, StaffRole.PartsPlanner, storeId));
        using (As(store.Manager))
        {
            Ok(await fixture.Grains.GetGrain<IWorkshopGrain>(GrainKeys.Store(storeId)).Set(store.Settings(bays), null));
        }

        return store;
    }

    /// <summary>Bays, hourly slots 08:00-18:00, both technicians all day, 200 CNY an hour, the call 3 days after handover.</summary>
    public WorkshopSettings Settings(int bays) =>
        new(bays, 60, new TimeOnly(8, 0), new TimeOnly(18, 0),
            [new(TechA.StaffId, new(8, 0), new(18, 0)), new(TechB.StaffId, new(8, 0), new(18, 0))], LabourRate);

    public async Task<IPartsItemGrain> Part(ClusterFixture fixture, string number, int onHand, decimal price)
    {
        var part = fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(Id, number));
        using var _ = As(Planner);
        Ok(await part.Create(Group, new NewPartsItem(number, $"Part {number}", "B-02", onHand, "FAW-VW parts", 7, 1, 0, price / 2, price), null));
        return part;
    }

    public IWorkshopDayGrain Day(ClusterFixture fixture, DateOnly day) => fixture.Grains.GetGrain<IWorkshopDayGrain>(ServiceKeys.Day(Id, day));

    public static string NewId(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    public static NewAppointment Booking(DateTimeOffset at, decimal hours, string name = "王先生", string? vin = null) =>
        new(name, "13800138000", vin ?? TestVins.Next(), null, "10,000 km service and a rattle from the front left", at, hours);
}
