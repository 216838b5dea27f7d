using Dealership.Grains.Reports;
using Dealership.Contracts.Common;
using Dealership.Contracts.Reports;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Tasks;
using Dealership.Contracts.Vehicles;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Reports;

[Collection(ClusterCollection.Name)]
public sealed class OemOrderTests(ClusterFixture fixture)
{
    private sealed record Setup(string Group, string Store, Caller Clerk, Caller Manager, Caller Gm, Caller Consultant, IOemOrderGrain Order);

    private async Task<Setup> Store()
    {
        var (group, stores) = await fixture.NewGroup(1);
        var month = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime).AddMonths(1);
        return new Setup(group, stores[0],
            await fixture.NewStaff(group, StaffRole.SalesInformationClerk, stores[0]),
            await fixture.NewStaff(group, StaffRole.SalesManager, stores[0]),
            await fixture.NewStaff(group, StaffRole.GeneralManager, stores[0]),
            await fixture.NewStaff(group, StaffRole.SalesConsultant, stores[0]),
            fixture.Grains.GetGrain<IOemOrderGrain>(GrainKeys.OemOrder(stores[0], $"{month:yyyy-MM}")));
    }

    [Fact]
    public async Task The_proposal_uses_stock_in_transit_and_the_last_three_months_of_retail_sales_against_the_target()
    {
        var s = await Store();
        var thisMonth = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        using (As(Caller.Platform("test")))
        {
            // Three months of history: 9 white Lavidas and 3 grey Sagitars sold; this month's sales do not count.
            for (var back = 1; back <= 3; back++)
            {
                var month = thisMonth.AddMonths(-back);
                for (var i = 0; i < 3; i++)
                {
                    await fixture.RetailSale(s.Group, s.Store, $"l{back}{i}", month, "Lavida|1.5L|White");
                }

                await fixture.RetailSale(s.Group, s.Store, $"s{back}", month, "Sagitar|1.5L|Grey");
            }

            await fixture.RetailSale(s.Group, s.Store, "now", thisMonth, "Sagitar|1.5L|Grey");
            foreach (var (status, model, colour) in new[] { (VehicleStatus.InStock, "Lavida", "White"), (VehicleStatus.InTransit, "Lavida", "White"),
                (VehicleStatus.InStock, "Sagitar", "Grey") })
            {
                var vin = TestVins.Next();
                Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(s.Group, vin))
                    .Register(s.Store, new NewVehicle(vin, model, "1.5L", colour, 100_000m, status), null));
            }
        }

        using var _ = As(s.Clerk);
        var proposal = Ok(await s.Order.Propose(20, "p-1")).Proposal.ToDictionary(p => p.Model);
        // Pace 3 + 1 a month; a target of 20 splits 15 / 5; 2 Lavidas and 1 Sagitar are here or on the way.
        Assert.Equal((3m, 15m, 2, 13), (proposal["Lavida"].MonthlyPace, proposal["Lavida"].Forecast, proposal["Lavida"].Available, proposal["Lavida"].Proposed));
        Assert.Equal((1m, 5m, 1, 4), (proposal["Sagitar"].MonthlyPace, proposal["Sagitar"].Forecast, proposal["Sagitar"].Available, proposal["Sagitar"].Proposed));
        Assert.Equal(17, Ok(await s.Order.Get()).Lines.Sum(l => l.Quantity));
    }

    [Fact]
    public async Task Approval_by_the_wrong_role_is_refused_a_rejection_goes_back_to_the_clerk_and_an_approved_order_is_sealed_and_locked()
    {
        var s = await Store();
        OemOrderLine[] lines = [new("Lavida", "1.5L", "White", 6), new("Sagitar", "1.5L", "Grey", 2)];
        using (As(s.Clerk))
        {
            Ok(await s.Order.Propose(null, null));
            Ok(await s.Order.EditLines(lines, null));
            Assert.Equal(OemOrderStatus.Submitted, Ok(await s.Order.Submit(null)).Status);
            Assert.Equal("forbidden", (await s.Order.Decide(true, null, null)).Problem?.Code);
            Assert.Equal("order-locked", (await s.Order.EditLines(lines, null)).Problem?.Code);
        }

        using (As(s.Consultant))
        {
            Assert.Equal("forbidden", (await s.Order.Decide(true, null, null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Assert.Equal("invalid-input", (await s.Order.Decide(false, null, null)).Problem?.Code);
            var rejected = Ok(await s.Order.Decide(false, "Too many white Lavidas for December", null));
            Assert.Equal((OemOrderStatus.Draft, "Too many white Lavidas for December"), (rejected.Status, rejected.RejectionReason));
            var tasks = Ok(await fixture.Grains.GetGrain<IStoreTasksGrain>(GrainKeys.Store(s.Store)).List(null, StaffRole.SalesInformationClerk, null, PageRequest.All)).Items;
            Assert.Contains(tasks, t => t.Kind == "oem-order-rejected" && t.Title.Contains("Too many white Lavidas", StringComparison.Ordinal));
        }

        using (As(s.Clerk))
        {
            Ok(await s.Order.EditLines([lines[0] with { Quantity = 4 }, lines[1]], null));
            Ok(await s.Order.Submit(null));
        }

        OemOrderView approved;
        using (As(s.Gm))
        {
            approved = Ok(await s.Order.Decide(true, null, null));
        }

        Assert.Equal(OemOrderStatus.Approved, approved.Status);
        Assert.StartsWith(s.Gm.StaffId, approved.Seal!.ApprovedBy);
        Assert.Equal("Store 0", approved.Seal.StoreName);
        Assert.Equal(OemOrderRules.Digest(s.Store, approved.Month, approved.Lines), approved.Seal.LinesDigest);
        using (As(s.Clerk))
        {
            Assert.Equal("order-locked", (await s.Order.EditLines(lines, null)).Problem?.Code);
            Assert.Equal("order-locked", (await s.Order.Propose(null, null)).Problem?.Code);
            Assert.Equal("order-locked", (await s.Order.Submit(null)).Problem?.Code);
        }

        using (As(s.Manager))
        {
            Assert.Equal("order-locked", (await s.Order.Decide(false, "changed my mind", null)).Problem?.Code);
            Assert.Equal(4, Ok(await s.Order.Get()).Lines[0].Quantity);
        }
    }

    [Fact]
    public async Task The_proposal_subtracts_cars_registered_as_ordered_and_what_last_months_approved_order_still_awaits()
    {
        var s = await Store();
        var thisMonth = DateOnly.FromDateTime(Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var lastOrder = fixture.Grains.GetGrain<IOemOrderGrain>(GrainKeys.OemOrder(s.Store, $"{thisMonth:yyyy-MM}"));
        using (As(Caller.Platform("test")))
        {
            // A pace of 6 white Lavidas and 1 grey Sagitar a month.
            for (var back = 1; back <= 3; back++)
            {
                for (var i = 0; i < 6; i++)
                {
                    await fixture.RetailSale(s.Group, s.Store, $"l{back}{i}", thisMonth.AddMonths(-back), "Lavida|1.5L|White");
                }

                await fixture.RetailSale(s.Group, s.Store, $"s{back}", thisMonth.AddMonths(-back), "Sagitar|1.5L|Grey");
            }
        }

        // This month's order (5 white Lavidas) was approved; since then 2 of them were registered in transit.
        using (As(s.Clerk))
        {
            Ok(await lastOrder.Propose(null, null));
            Ok(await lastOrder.EditLines([new("Lavida", "1.5L", "White", 5)], null));
            Ok(await lastOrder.Submit(null));
        }

        using (As(s.Manager))
        {
            Ok(await lastOrder.Decide(true, null, null));
        }

        using (As(s.Clerk))
        {
            foreach (var (status, model, colour) in new[] { (VehicleStatus.InTransit, "Lavida", "White"), (VehicleStatus.InTransit, "Lavida", "White"),
                (VehicleStatus.Ordered, "Sagitar", "Grey") })
            {
                var vin = TestVins.Next();
                Ok(await fixture.Grains.GetGrain<IVehicleGrain>(GrainKeys.InGroup(s.Group, vin))
                    .Register(s.Store, new NewVehicle(vin, model, "1.5L", colour, 100_000m, status), null));
            }

            var proposal = Ok(await s.Order.Propose(null, null)).Proposal.ToDictionary(p => p.Model);
            // Lavida: 6 wanted, 2 on the way, 3 of last month's 5 still awaited → 1. Sagitar: 1 wanted, 1 registered as ordered → 0.
            Assert.Equal((2, 3, 1), (proposal["Lavida"].Available, proposal["Lavida"].OnOrder, proposal["Lavida"].Proposed));
            Assert.Equal((0, 1, 0), (proposal["Sagitar"].Available, proposal["Sagitar"].OnOrder, proposal["Sagitar"].Proposed));
        }
    }

    [Fact]
    public async Task An_approved_order_is_sent_with_who_and_when_and_an_order_edited_behind_its_seal_is_not_exported()
    {
        var s = await Store();
        using (As(s.Clerk))
        {
            Ok(await s.Order.Propose(null, null));
            Ok(await s.Order.EditLines([new("Lavida", "1.5L", "White", 4)], null));
            Assert.Equal("not-approved", (await s.Order.MarkSent(null, null)).Problem?.Code);
            Ok(await s.Order.Submit(null));
        }

        using (As(s.Manager))
        {
            Ok(await s.Order.Decide(true, null, null));
            Assert.Equal("forbidden", (await s.Order.MarkSent("FAW-1", null)).Problem?.Code);
            Assert.Equal(4, Ok(await s.Order.Export()).Lines[0].Quantity);
        }

        using (As(s.Clerk))
        {
            var sent = Ok(await s.Order.MarkSent("FAW-1", "sent-1"));
            Assert.Equal(OemOrderStatus.Sent, sent.Status);
            Assert.Equal(("FAW-1", Clock.GetUtcNow()), (sent.Sent!.Reference, sent.Sent.SentAt));
            Assert.StartsWith(s.Clerk.StaffId, sent.Sent.SentBy);
            Assert.Equal("order-locked", (await s.Order.EditLines([new("Lavida", "1.5L", "White", 40)], null)).Problem?.Code);
        }

        // Someone with access to the database raises the quantity behind the order's back.
        var key = s.Order.GetPrimaryKeyString();
        Assert.Equal(1, await fixture.Scalar<int>(
            "UPDATE grain_state SET payload = jsonb_set(payload, '{Order,Lines,0,Quantity}', '40') WHERE state_name = 'oem-order' AND grain_key = $1 RETURNING 1", key));
        using (As(Caller.Platform("test")))
        {
            // The order is read again from the database at its next call.
            await s.Order.Cast<Orleans.Core.Internal.IGrainManagementExtension>().DeactivateOnIdle();
        }

        using (As(s.Manager))
        {
            Assert.Equal(40, Ok(await s.Order.Get()).Lines[0].Quantity);
            Assert.Equal("seal-broken", (await s.Order.Export()).Problem?.Code);
        }
    }
}
