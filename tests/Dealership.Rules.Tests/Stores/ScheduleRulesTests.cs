using Dealership.Contracts.Stores;
using Dealership.Grains.Stores;

namespace Dealership.Rules.Tests.Stores;

public sealed class ScheduleRulesTests
{
    [Fact]
    public void Next_closing_time_in_a_zone_without_daylight_saving()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero); // 20:00 in Shanghai
        var next = ScheduleRules.NextDaily(now, shanghai, new TimeOnly(21, 0));
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.FromHours(8)), next);

        var later = ScheduleRules.NextDaily(next, shanghai, new TimeOnly(21, 0));
        Assert.Equal(TimeSpan.FromDays(1), later - next);
    }

    [Fact]
    public void Follows_the_local_clock_across_a_daylight_saving_change()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        // Saturday 28 March 2026, 20:00 UTC (21:00 CET); clocks go forward on Sunday 29 March.
        var saturday = new DateTimeOffset(2026, 3, 28, 20, 0, 0, TimeSpan.Zero);
        var sunday = ScheduleRules.NextDaily(saturday, berlin, new TimeOnly(21, 0));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 21, 0, 0, TimeSpan.FromHours(2)), sunday);
        Assert.Equal(TimeSpan.FromHours(23), sunday - saturday);
    }

    [Fact]
    public void A_time_inside_the_spring_gap_moves_past_it()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var instant = ScheduleRules.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), berlin);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)), instant);
    }
}
