using Dealership.Contracts.Common;

namespace Dealership.Rules.Tests.Common;

public sealed class GrainKeysTests
{
    [Fact]
    public void A_register_key_reads_back_as_its_day()
    {
        var key = GrainKeys.ShowroomRegister("bj-chaoyang-vw", new DateOnly(2026, 12, 5));
        var (owner, id) = GrainKeys.Split(key);

        Assert.Equal("bj-chaoyang-vw/register-2026-12-05", key);
        Assert.Equal("bj-chaoyang-vw", owner);
        Assert.Equal(new DateOnly(2026, 12, 5), GrainKeys.RegisterDay(id));
    }

    [Theory]
    [InlineData("register-2026-13-05")]
    [InlineData("weekly-2026-12-05")]
    [InlineData("register-")]
    public void Ids_that_are_not_a_register_day_read_back_as_none(string id) => Assert.Null(GrainKeys.RegisterDay(id));

    [Fact]
    public void OEM_order_and_weekly_report_keys_read_back_as_their_month_and_week()
    {
        Assert.Equal("2027-01", GrainKeys.OemOrderMonth(GrainKeys.Split(GrainKeys.OemOrder("s1", "2027-01")).Id));
        Assert.Equal("2026-12-04", GrainKeys.WeeklyReportWeek(GrainKeys.Split(GrainKeys.WeeklyReport("s1", "2026-12-04")).Id));
    }

    [Theory]
    [InlineData("no-slash")]
    [InlineData("/leading")]
    [InlineData("trailing/")]
    public void A_key_without_an_owner_and_an_id_is_refused(string key) => Assert.Throws<ArgumentException>(() => GrainKeys.Split(key));

    [Fact]
    public void Every_key_carries_a_slash_so_storage_never_reads_it_as_a_number() =>
        Assert.All([GrainKeys.Group("cafe"), GrainKeys.Store("beef"), GrainKeys.Login("abc"), GrainKeys.InStore("s", "1")],
            key => Assert.Contains('/', key));
}
