using System.Globalization;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Service;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Stores;
using Dealership.Contracts.Targets;
using Dealership.Contracts.Pricing;
using Dealership.Contracts.Vehicles;

namespace Dealership.Gateway.Demo;

/// <summary>
/// The demo dealer group: three stores selling two brands, every role staffed, about 150 cars with
/// valid VINs in mixed states and about 300 parts. Everything is derived from fixed tables, so the
/// same data comes out on every run.
/// </summary>
public static class DemoGroup
{
    public const string GroupId = "huaxia";
    public const string GroupName = "华夏汽车集团 Huaxia Auto Group";
    public const string Password = "demo-password-2026";

    public sealed record DemoStore(string StoreId, string Short, StoreProfile Profile, string Wmi, (string Model, string Trim, decimal Cost)[] Range)
    {
        public string PartsSupplier => Profile.Brand == "Toyota" ? "GAC Toyota parts centre 广汽丰田配件中心" : "SAIC Volkswagen parts centre 上汽大众配件中心";
    }

    public static readonly DemoStore[] Stores =
    [
        new("bj-chaoyang-vw", "chaoyang",
            new StoreProfile("北京朝阳大众 Chaoyang Volkswagen", "Volkswagen", "Asia/Shanghai", "北京市朝阳区东四环中路 88 号", "010-6500-8800"),
            "LSV", [("Lavida", "1.5L Comfort", 98_000m), ("Sagitar", "300TSI Deluxe", 142_000m), ("Tiguan L", "330TSI 4MOTION", 218_000m), ("ID.4 X", "Pro", 176_000m)]),
        new("bj-haidian-vw", "haidian",
            new StoreProfile("北京海淀大众 Haidian Volkswagen", "Volkswagen", "Asia/Shanghai", "北京市海淀区北四环西路 66 号", "010-8266-6600"),
            "LSV", [("Lavida", "1.5L Comfort", 98_000m), ("Passat", "380TSI Flagship", 205_000m), ("Tiguan L", "330TSI 4MOTION", 218_000m), ("Teramont", "530 V6", 301_000m)]),
        new("tj-hexi-toyota", "hexi",
            new StoreProfile("天津河西丰田 Hexi Toyota", "Toyota", "Asia/Shanghai", "天津市河西区友谊路 20 号", "022-2835-2000"),
            "LVG", [("Corolla", "1.2T Pioneer", 96_000m), ("Camry", "2.5HEV Deluxe", 189_000m), ("RAV4", "2.0L CVT 4WD", 172_000m), ("Highlander", "2.5HEV Flagship", 276_000m)]),
    ];

    private static readonly string[] Colours = ["Pure White", "Deep Black", "Reflex Silver", "Aurora Blue", "Kings Red", "Platinum Grey"];

    /// <summary>Per store, in this order; consultants are numbered.</summary>
    private static readonly (string Suffix, string Name, StaffRole Role)[] StoreRoles =
    [
        ("gm", "总经理 General Manager", StaffRole.GeneralManager),
        ("sm", "销售经理 Sales Manager", StaffRole.SalesManager),
        ("sc1", "销售顾问 Consultant 1", StaffRole.SalesConsultant),
        ("sc2", "销售顾问 Consultant 2", StaffRole.SalesConsultant),
        ("clerk", "销售信息员 Sales Info Clerk", StaffRole.SalesInformationClerk),
        ("finance", "分期专员 Finance Specialist", StaffRole.FinanceSpecialist),
        ("cashier", "收银员 Cashier", StaffRole.Cashier),
        ("parts", "配件计划员 Parts Planner", StaffRole.PartsPlanner),
        ("advisor", "服务顾问 Service Advisor", StaffRole.ServiceAdvisor),
        ("tech", "技师 Technician", StaffRole.Technician),
        ("tech2", "技师 Technician 2", StaffRole.Technician),
        ("caller", "客服回访 Customer-Service Caller", StaffRole.CustomerServiceCaller),
    ];

    /// <summary>
    /// Each store's workshop: 4 bays, hourly slots 08:30-17:30, both technicians all day (so 2 bays are staffed), 180 CNY per
    /// flat-rate hour, the follow-up call 3 days after handover.
    /// </summary>
    public static WorkshopSettings Workshop(DemoStore store) =>
        new(4, 60, new TimeOnly(8, 30), new TimeOnly(17, 30),
            [new($"{store.Short}-tech", new TimeOnly(8, 30), new TimeOnly(17, 30)), new($"{store.Short}-tech2", new TimeOnly(8, 30), new TimeOnly(17, 30))],
            180m);

    /// <summary>
    /// The default policies, the insurers the demo stores sell for at their commission rates (compulsory, commercial), and the
    /// extended warranty they sell: 2 more years or 60,000 km for 3,800 (cost 1,900).
    /// </summary>
    public static StorePolicies Policies() => StorePolicies.Default with
    {
        InsurerRates = [new("中国平安", 0.04m, 0.12m), new("中国人保", 0.04m, 0.11m), new("太平洋保险", 0.04m, 0.115m)],
        ExtendedWarranty = new(2, 60_000, 3_800m, 1_900m),
    };

    /// <summary>
    /// Each store's maintenance plan for every model: the first service at 7,500 km or 6 months, then every 10,000 km or 12 months;
    /// a basic warranty of 3 years or 100,000 km.
    /// </summary>
    public static MaintenancePlan MaintenancePlan() =>
        new(Contracts.Service.MaintenancePlan.AnyModel, 7_500, 6, 10_000, 12, ["更换机油 Engine oil", "更换机油滤清器 Oil filter", "全车安全检查 Safety check"]);

    /// <summary>Each store's year as group HQ set it for the demo: 40 cars a month on average, busier towards year end.</summary>
    public static AnnualTarget YearTarget() => new(480, 4_800_000m);

    /// <summary>The sales manager's seasonal weights (percent, January first): quiet after the Spring Festival, busy before year end.</summary>
    public static MonthWeights Seasons() => new([7m, 6m, 8m, 8m, 8m, 8m, 8m, 8m, 9m, 9m, 10m, 11m]);

    public static IEnumerable<NewStaff> Staff()
    {
        yield return new NewStaff("huaxia-admin", "集团IT Group Administrator", StaffRole.Administrator, [], true, Password);
        yield return new NewStaff("huaxia-hq", "集团总部 Group HQ", StaffRole.GroupHq, [], true, Password);
        foreach (var store in Stores)
        {
            foreach (var (suffix, name, role) in StoreRoles)
            {
                yield return new NewStaff($"{store.Short}-{suffix}", name, role, [store.StoreId], false, Password);
            }
        }
    }

    /// <summary>50 cars per store: mostly in stock, some in transit or ordered, a few demo cars, a few reserved.</summary>
    public static IEnumerable<(DemoStore Store, NewVehicle Vehicle, string? ReservedFor)> Vehicles(DateTimeOffset loadedAt)
    {
        var today = DateOnly.FromDateTime(loadedAt.UtcDateTime);
        for (var s = 0; s < Stores.Length; s++)
        {
            var store = Stores[s];
            for (var i = 0; i < 50; i++)
            {
                var (model, trim, cost) = store.Range[i % store.Range.Length];
                var status = (i % 10) switch
                {
                    0 => VehicleStatus.Ordered,
                    1 or 2 => VehicleStatus.InTransit,
                    _ => VehicleStatus.InStock,
                };
                var demo = i % 17 == 5;
                var vin = MakeVin(store.Wmi, s, i);
                // Dated from the day the demo is loaded, so the stock list always shows some aged cars and an overdue floor plan.
                var floorPlan = status == VehicleStatus.InStock && i % 3 == 0
                    ? new FloorPlan(i % 2 == 0 ? "中国工商银行 ICBC" : "大众汽车金融 VW Finance", today.AddDays(-5 + (i % 12) * 20))
                    : null;
                DateTimeOffset? inStockSince = status == VehicleStatus.InStock ? loadedAt.AddDays(-(i * 13 % 150)) : null;
                var certificate = status != VehicleStatus.InStock ? CertificateLocation.NotYetReceived
                    : floorPlan is not null ? CertificateLocation.WithFloorPlanBank : CertificateLocation.InSafe;
                var vehicle = new NewVehicle(vin, model, trim, Colours[(i + s) % Colours.Length], cost + (i % 5) * 500m, status, demo, certificate, floorPlan,
                    inStockSince);
                var reserved = status == VehicleStatus.InStock && !demo && i % 9 == 4 ? $"demo-deal-{store.Short}-{i:D2}" : null;
                yield return (store, vehicle, reserved);
            }
        }
    }

    /// <summary>
    /// Each store's price book: every model and trim it sells, in every colour, listed about 12% above the OEM invoice cost (the
    /// guide price 3% below the list), and each model's OEM rebate per unit, about 3% of its cost, for the month loaded and the next.
    /// </summary>
    public static IEnumerable<(DemoStore Store, PriceBookEntry Price)> Prices()
    {
        foreach (var store in Stores)
        {
            foreach (var (model, trim, cost) in store.Range)
            {
                var list = decimal.Round(cost * 1.12m / 100m, 0) * 100m;
                foreach (var colour in Colours)
                {
                    yield return (store, new PriceBookEntry(model, trim, colour, list, decimal.Round(list * 0.97m / 100m, 0) * 100m, cost));
                }
            }
        }
    }

    public static IEnumerable<(DemoStore Store, RebatePolicy Rebate)> Rebates(DateTimeOffset loadedAt)
    {
        var month = DateOnly.FromDateTime(loadedAt.UtcDateTime);
        foreach (var store in Stores)
        {
            foreach (var (model, _, cost) in store.Range.DistinctBy(r => r.Model))
            {
                foreach (var m in new[] { month, month.AddMonths(1) })
                {
                    yield return (store, new RebatePolicy(model, RebatePolicy.MonthOf(m), decimal.Round(cost * 0.03m / 100m, 0) * 100m));
                }
            }
        }
    }

    /// <summary>100 parts per store: common service parts in several fitments.</summary>
    public static IEnumerable<(DemoStore Store, NewPartsItem Item)> Parts()
    {
        string[] kinds =
        [
            "Oil filter 机油滤清器", "Air filter 空气滤清器", "Cabin filter 空调滤清器", "Front brake pads 前刹车片", "Rear brake pads 后刹车片",
            "Spark plug 火花塞", "Wiper blade 雨刮片", "Engine oil 5W-30 4L 机油", "Brake fluid DOT4 刹车油", "Coolant 1L 冷却液",
        ];
        foreach (var store in Stores)
        {
            for (var i = 0; i < 100; i++)
            {
                var kind = kinds[i % kinds.Length];
                var fitment = store.Range[(i / kinds.Length) % store.Range.Length].Model;
                var number = string.Create(CultureInfo.InvariantCulture, $"{store.Wmi}-{(i % kinds.Length) + 1:D2}{(i / kinds.Length):D2}-{i * 37 % 1000:D3}");
                var bin = string.Create(CultureInfo.InvariantCulture, $"{(char)('A' + i % 6)}-{i / 6 + 1:D2}");
                // Costs from 18 to 405 yuan, sold at 40% over cost; filters and plugs come in packs; a minimum to stock while the part
                // has no demand history here yet, so the first review already suggests what is short.
                var cost = 18m + (i % kinds.Length * 43m);
                var pack = i % kinds.Length is 0 or 5 ? 4 : 1;
                yield return (store, new NewPartsItem(number, $"{kind} — {fitment}", bin, (i * 7) % 40, store.PartsSupplier, 3 + (i % 3 * 2), pack,
                    Minimum: 4 + (i % 4 * 2), Cost: cost, Price: decimal.Round(cost * 1.4m, 0)));
            }
        }
    }

    /// <summary>A 17-character VIN with a correct check digit; model year 2026 ('T'), a plant letter per store.</summary>
    public static string MakeVin(string wmi, int storeIndex, int serial)
    {
        var body = string.Create(CultureInfo.InvariantCulture, $"{wmi}A{(char)('B' + storeIndex)}{serial % 10}2H0T{(char)('A' + storeIndex)}{100000 + storeIndex * 1000 + serial:D6}");
        return body[..8] + Vin.CheckDigit(body) + body[9..];
    }
}
