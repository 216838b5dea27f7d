using Dealership.Contracts.Service;
using Dealership.Grains.Service;

namespace Dealership.Rules.Tests.Service;

/// <summary>The workshop's slots on cases worked by hand (Shanghai, UTC+8, no daylight saving).</summary>
public sealed class SlotPlannerTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static readonly DateOnly Monday = new(2026, 12, 7);

    /// <summary>2 bays, 60-minute slots 08:00-18:00; tech A works 08-12, tech B 08-18, tech C 13-18.</summary>
    private static readonly WorkshopSettings Settings = new(2, 60, new TimeOnly(8, 0), new TimeOnly(18, 0),
        [new("tech-a", new(8, 0), new(12, 0)), new("tech-b", new(8, 0), new(18, 0)), new("tech-c", new(13, 0), new(18, 0))], 180m);

    private static DateTimeOffset At(int hour, int minute = 0) => new(Monday.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.FromHours(8));

    [Fact]
    public void A_slot_can_take_the_bays_that_have_a_technician_for_the_whole_slot()
    {
        var planner = SlotPlanner.For(Settings, Monday, Shanghai);

        Assert.Equal(10, planner.Starts.Count);
        Assert.Equal(At(8), planner.Starts[0]);
        // 08-12: A and B (2 bays); 12-13: B alone; 13-18: B and C.
        Assert.Equal([2m, 2m, 2m, 2m, 1m, 2m, 2m, 2m, 2m, 2m], planner.Capacity);
        Assert.Equal(19m, planner.TotalCapacity);
    }

    [Fact]
    public void A_job_longer_than_a_slot_is_split_across_the_slots_it_runs_through()
    {
        var planner = SlotPlanner.For(Settings, Monday, Shanghai);

        var booked = planner.Booked([new BookedJob(At(9), 2.5m), new BookedJob(At(9, 30), 1m)]);

        Assert.Equal([0m, 1.5m, 1.5m, 0.5m, 0m, 0m, 0m, 0m, 0m, 0m], booked);
    }

    [Fact]
    public void A_full_slot_refuses_a_job_and_so_does_a_later_slot_the_job_would_run_into()
    {
        var planner = SlotPlanner.For(Settings, Monday, Shanghai);
        // 11:00 has two bays; a job at 12:00 fills the one bay of 12:00.
        var booked = planner.Booked([new BookedJob(At(11), 1m), new BookedJob(At(11), 1m), new BookedJob(At(12), 1m)]);

        Assert.False(planner.Fits(booked, planner.SlotOf(At(11)), 1m));
        Assert.False(planner.Fits(booked, planner.SlotOf(At(10)), 2m)); // 10:00 has room, but the job runs into the full 11:00
        Assert.True(planner.Fits(booked, planner.SlotOf(At(10)), 1m));
        Assert.False(planner.Fits(booked, planner.SlotOf(At(12)), 0.5m));
    }

    [Fact]
    public void A_job_must_end_by_closing_time()
    {
        var planner = SlotPlanner.For(Settings, Monday, Shanghai);
        var empty = planner.Booked([]);

        Assert.True(planner.Fits(empty, planner.SlotOf(At(16)), 2m));
        Assert.False(planner.Fits(empty, planner.SlotOf(At(16)), 2.5m));
        Assert.Equal(-1, planner.SlotOf(At(18)));
        Assert.Equal(-1, planner.SlotOf(At(7, 59)));
    }

    [Fact]
    public void Suggestions_are_the_least_loaded_slots_that_fit_and_the_nearest_among_equals()
    {
        var planner = SlotPlanner.For(Settings, Monday, Shanghai);
        // 09:00 full, 10:00 half full, every other slot empty.
        var booked = planner.Booked([new BookedJob(At(9), 1m), new BookedJob(At(9), 1m), new BookedJob(At(10), 1m)]);

        var suggestions = planner.Suggest(booked, At(9), 1m, At(0));

        // Empty 08:00 (1 h away) scores 0.1; half-full 10:00 (1 h away) 0.6; empty 11:00 (2 h away) 0.2.
        Assert.Equal([At(8), At(11), At(12)], suggestions.Select(s => s.Starts));
        Assert.Equal(0m, suggestions[0].Load);
        Assert.DoesNotContain(suggestions, s => s.Starts == At(9));
    }

    [Fact]
    public void Suggestions_leave_out_slots_already_over_and_a_full_day_suggests_nothing()
    {
        var planner = SlotPlanner.For(Settings, Monday, Shanghai);
        var jobs = planner.Starts.SelectMany((s, i) => Enumerable.Repeat(new BookedJob(s, 1m), (int)planner.Capacity[i])).ToList();
        var full = planner.Booked(jobs);

        Assert.Empty(planner.Suggest(full, At(10), 0.5m, At(0)));
        Assert.All(planner.Suggest(planner.Booked([]), At(8), 1m, At(14, 30)), s => Assert.True(s.Starts >= At(14)));
    }

    [Fact]
    public void A_day_the_workshop_is_closed_has_no_slots()
    {
        var closed = SlotPlanner.For(Settings with { ClosedOn = [DayOfWeek.Monday] }, Monday, Shanghai);

        Assert.False(closed.Open);
        Assert.Empty(closed.Starts);
        Assert.Equal(0m, closed.TotalCapacity);
        Assert.True(SlotPlanner.For(Settings with { ClosedOn = [DayOfWeek.Sunday] }, Monday, Shanghai).Open);
    }

    [Theory]
    [InlineData(45, 8, 18, "slotMinutes")]
    [InlineData(60, 18, 8, "closes")]
    [InlineData(90, 8, 18, "closes")] // 10 hours is not whole 90-minute slots
    public void Settings_that_cannot_be_cut_into_slots_are_refused_naming_the_field(int slotMinutes, int opens, int closes, string field)
    {
        var errors = (Settings with { SlotMinutes = slotMinutes, Opens = new TimeOnly(opens, 0), Closes = new TimeOnly(closes, 0) }).Validate();

        Assert.Contains(field, errors.ToDictionary().Keys);
    }

    [Fact]
    public void A_roster_naming_a_technician_twice_or_ending_before_it_starts_is_refused()
    {
        var errors = (Settings with
        {
            Technicians = [new("tech-a", new(8, 0), new(12, 0)), new("tech-a", new(12, 0), new(11, 0))],
        }).Validate().ToDictionary();

        Assert.Contains("technicians[1].staffId", errors.Keys);
        Assert.Contains("technicians[1].ends", errors.Keys);
    }
}
