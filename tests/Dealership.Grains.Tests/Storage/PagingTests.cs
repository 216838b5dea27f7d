using Dealership.Contracts.Common;
using Dealership.Contracts.Parts;
using Dealership.Contracts.Sales;
using Dealership.Contracts.Staff;
using Dealership.Grains.Tests.Sales;
using static Dealership.Grains.Tests.ClusterFixture;

namespace Dealership.Grains.Tests.Storage;

/// <summary>Lists are SQL, read a page at a time in a stable order, and only ever show the asking store's rows.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PagingTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Paging_returns_every_row_once_while_rows_are_being_added()
    {
        var s = await SalesStore.Open(fixture);
        var before = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            before.Add(await s.NewDeal());
        }

        var deals = s.Grains.GetGrain<IDealListGrain>(GrainKeys.Store(s.Store));
        var seen = new List<string>();
        string? after = null;
        var added = 0;
        using (As(s.Manager))
        {
            do
            {
                var page = Ok(await deals.List(null, null, new PageRequest(5, after)));
                seen.AddRange(page.Items.Select(d => d.DealId));
                after = page.Next;

                // Between two pages the floor keeps selling.
                if (added++ < 4)
                {
                    await s.NewDeal();
                }
            }
            while (after is not null);
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(before, id => Assert.Contains(id, seen));
    }

    [Fact]
    public async Task A_page_shows_only_the_asking_stores_rows_even_to_the_platform()
    {
        var (group, stores) = await fixture.NewGroup(2);
        using var _ = As(Caller.Platform("test"));
        foreach (var (store, part) in new[] { (stores[0], "AA-1"), (stores[1], "BB-1"), (stores[1], "BB-2") })
        {
            Ok(await fixture.Grains.GetGrain<IPartsItemGrain>(GrainKeys.InStore(store, part)).Create(group, new NewPartsItem(part, "Filter", "A-1", 1), null));
        }

        var first = Ok(await fixture.Grains.GetGrain<IPartsListGrain>(GrainKeys.Store(stores[0])).List(null, PageRequest.First)).Items;
        var second = Ok(await fixture.Grains.GetGrain<IPartsListGrain>(GrainKeys.Store(stores[1])).List(null, PageRequest.First)).Items;

        Assert.Equal(["AA-1"], first.Select(p => p.PartNumber));
        Assert.Equal(["BB-1", "BB-2"], second.Select(p => p.PartNumber));
    }

    [Fact]
    public async Task A_cursor_from_another_list_or_made_by_hand_is_refused()
    {
        var s = await SalesStore.Open(fixture);
        await s.NewDeal();
        await s.NewDeal();
        using var _ = As(s.Manager);
        var deals = s.Grains.GetGrain<IDealListGrain>(GrainKeys.Store(s.Store));
        var next = Ok(await deals.List(null, null, new PageRequest(1, null))).Next!;

        Assert.Equal(ProblemKind.Invalid, (await deals.List(null, null, new PageRequest(1, Cursor.From("not", "a", "deal")))).Problem?.Kind);
        Assert.Equal(ProblemKind.Invalid, (await deals.List(null, null, new PageRequest(1, "%%%"))).Problem?.Kind);
        Assert.Equal(ProblemKind.Invalid,
            (await s.Grains.GetGrain<IShowroomRegisterGrain>(GrainKeys.ShowroomRegister(s.Store, s.Today)).List(new PageRequest(1, next))).Problem?.Kind);
        Assert.Single(Ok(await deals.List(null, null, new PageRequest(1, next))).Items);
    }
}
