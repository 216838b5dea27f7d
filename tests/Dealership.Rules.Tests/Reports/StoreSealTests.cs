using Dealership.Contracts.Reports;
using Dealership.Grains.Reports;
using Dealership.Trust;

namespace Dealership.Rules.Tests.Reports;

public sealed class StoreSealTests
{
    private const string Key = "seal-key-of-this-installation-0123456789abcdef";
    private const string NextKey = "next-seal-key-of-this-installation-0123456789";

    private static readonly DateTimeOffset ApprovedAt = new(2026, 12, 5, 9, 30, 0, TimeSpan.FromHours(8));

    private static OemOrderView Sealed(StoreSeals seals, string storeId = "store-1")
    {
        var order = new OemOrderView(storeId, "2027-01", OemOrderStatus.Approved, [new("Lavida", "1.5L", "White", 4), new("Sagitar", "1.5L", "Grey", 2)],
            [], null, null, null, [], 3);
        return order with { Seal = new OemOrderSeal("Store 1", "gm-1 (GM)", ApprovedAt, "digest", seals.Seal(storeId, order, "gm-1 (GM)", ApprovedAt)) };
    }

    [Fact]
    public void A_seal_verifies_until_its_lines_approver_or_time_change()
    {
        var seals = new StoreSeals(new SigningKeys(Key));
        var order = Sealed(seals);

        Assert.True(seals.Verify(order));
        Assert.False(seals.Verify(order with { Lines = [order.Lines[0] with { Quantity = 40 }, order.Lines[1]] }));
        Assert.False(seals.Verify(order with { Seal = order.Seal! with { ApprovedBy = "sm-1 (SM)" } }));
        Assert.False(seals.Verify(order with { Seal = order.Seal! with { ApprovedAt = ApprovedAt.AddMinutes(1) } }));
        Assert.False(seals.Verify(order with { Month = "2027-02" }));
        Assert.False(seals.Verify(order with { Seal = order.Seal! with { Signature = "" } }));
    }

    [Fact]
    public void Each_store_seals_with_its_own_key_and_another_installation_cannot_seal()
    {
        var seals = new StoreSeals(new SigningKeys(Key));
        var one = Sealed(seals, "store-1");
        var two = Sealed(seals, "store-2");

        Assert.NotEqual(one.Seal!.Signature.Split('.')[1], two.Seal!.Signature.Split('.')[1]);
        Assert.False(new StoreSeals(new SigningKeys(NextKey)).Verify(one));
    }

    [Fact]
    public void After_a_key_rotation_old_seals_verify_while_the_old_key_is_kept_as_previous()
    {
        var old = Sealed(new StoreSeals(new SigningKeys(Key)));
        var rotated = new StoreSeals(new SigningKeys(NextKey, Key));

        Assert.True(rotated.Verify(old));
        Assert.True(rotated.Verify(Sealed(rotated)));
        Assert.False(new StoreSeals(new SigningKeys(NextKey)).Verify(old));
    }
}
