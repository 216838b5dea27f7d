using Dealership.Contracts.Service;

namespace Dealership.Grains.Service;

/// <summary>A job on the workshop's day: it keeps one bay from its start for its hours (a long job runs over several slots).</summary>
public readonly record struct BookedJob(DateTimeOffset Starts, decimal Hours)
{
    public DateTimeOffset Ends => Starts.AddMinutes((double)(Hours * 60m));
}

/// <summary>
/// The slots of one service day and what each can take: the bays that have a technician for the whole slot, times its length.
/// A job's load falls on each slot by the hours of the job inside it, so a job longer than a slot is split across the slots it
/// runs through, and a job must end by closing time.
/// </summary>
public sealed class SlotPlanner
{
    /// <summary>How much a suggestion's distance from the wanted time weighs against its load: 0.1 load per hour away.</summary>
    private const decimal DistanceWeight = 0.1m;

    private SlotPlanner(WorkshopSettings settings, DateOnly day, IReadOnlyList<DateTimeOffset> starts, IReadOnlyList<decimal> capacity, bool open)
    {
        Settings = settings;
        Day = day;
        Starts = starts;
        Capacity = capacity;
        Open = open;
    }

    public WorkshopSettings Settings { get; }

    public DateOnly Day { get; }

    public bool Open { get; }

    public IReadOnlyList<DateTimeOffset> Starts { get; }

    /// <summary>Labour hours each slot can take.</summary>
    public IReadOnlyList<decimal> Capacity { get; }

    public decimal SlotHours => Settings.SlotMinutes / 60m;

    public DateTimeOffset Closes => Starts.Count == 0 ? default : Starts[^1].AddMinutes(Settings.SlotMinutes);

    public static SlotPlanner For(WorkshopSettings settings, DateOnly day, TimeZoneInfo zone)
    {
        var open = settings.ClosedOn is not { } closed || !closed.Contains(day.DayOfWeek);
        var starts = new List<DateTimeOffset>();
        var capacity = new List<decimal>();
        if (open)
        {
            for (var t = settings.Opens; t < settings.Closes && t >= settings.Opens; t = t.AddMinutes(settings.SlotMinutes))
            {
                var local = day.ToDateTime(t, DateTimeKind.Unspecified);
                starts.Add(new DateTimeOffset(local, zone.GetUtcOffset(local)));
                var end = t.AddMinutes(settings.SlotMinutes);
                var staffed = settings.Technicians.Count(x => x.Starts <= t && x.Ends >= (end == TimeOnly.MinValue ? TimeOnly.MaxValue : end));
                capacity.Add(Math.Min(settings.Bays, staffed) * settings.SlotMinutes / 60m);
                if (end <= t)
                {
                    break; // the day ends at midnight
                }
            }
        }

        return new SlotPlanner(settings, day, starts, capacity, open && starts.Count > 0);
    }

    public decimal TotalCapacity => Capacity.Sum();

    /// <summary>The index of the slot holding <paramref name="at"/>, or -1 outside the opening hours.</summary>
    public int SlotOf(DateTimeOffset at)
    {
        for (var i = 0; i < Starts.Count; i++)
        {
            if (at >= Starts[i] && at < Starts[i].AddMinutes(Settings.SlotMinutes))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Labour hours booked in each slot.</summary>
    public decimal[] Booked(IEnumerable<BookedJob> jobs)
    {
        var booked = new decimal[Starts.Count];
        foreach (var job in jobs)
        {
            for (var i = 0; i < Starts.Count; i++)
            {
                booked[i] += Overlap(job, i);
            }
        }

        return booked;
    }

    /// <summary>True if a job of <paramref name="hours"/> starting with slot <paramref name="index"/> fits every slot it runs through and ends by closing.</summary>
    public bool Fits(decimal[] booked, int index, decimal hours)
    {
        var job = new BookedJob(Starts[index], hours);
        if (job.Ends > Closes)
        {
            return false;
        }

        for (var i = index; i < Starts.Count && Starts[i] < job.Ends; i++)
        {
            if (booked[i] + Overlap(job, i) > Capacity[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The load of the slots a job starting at <paramref name="index"/> would run through, before it is booked (their mean).</summary>
    public decimal LoadOf(decimal[] booked, int index, decimal hours)
    {
        var job = new BookedJob(Starts[index], hours);
        var spanned = Enumerable.Range(index, Starts.Count - index).TakeWhile(i => Starts[i] < job.Ends).ToList();
        return spanned.Count == 0 ? 0 : decimal.Round(spanned.Average(i => Capacity[i] == 0 ? 1m : booked[i] / Capacity[i]), 3);
    }

    /// <summary>
    /// The slots from <paramref name="notBefore"/> on that fit the job, least loaded first, and among slots of equal load the
    /// nearest to <paramref name="wantedAt"/>: load plus a tenth per hour away.
    /// </summary>
    public IReadOnlyList<SlotSuggestion> Suggest(decimal[] booked, DateTimeOffset wantedAt, decimal hours, DateTimeOffset notBefore, int count = 3) =>
        [.. Enumerable.Range(0, Starts.Count)
            .Where(i => Starts[i].AddMinutes(Settings.SlotMinutes) > notBefore && Fits(booked, i, hours))
            .Select(i => (Index: i, Load: LoadOf(booked, i, hours)))
            .OrderBy(s => s.Load + (DistanceWeight * (decimal)Math.Abs((Starts[s.Index] - wantedAt).TotalHours)))
            .ThenBy(s => Starts[s.Index])
            .Take(count)
            .Select(s => new SlotSuggestion(Starts[s.Index], new BookedJob(Starts[s.Index], hours).Ends, s.Load))];

    private decimal Overlap(BookedJob job, int slot)
    {
        var from = job.Starts > Starts[slot] ? job.Starts : Starts[slot];
        var slotEnds = Starts[slot].AddMinutes(Settings.SlotMinutes);
        var to = job.Ends < slotEnds ? job.Ends : slotEnds;
        return to > from ? decimal.Round((decimal)(to - from).TotalMinutes / 60m, 4) : 0m;
    }
}
