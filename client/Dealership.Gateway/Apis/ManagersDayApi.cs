using Dealership.Contracts.Common;
using Dealership.Contracts.Staff;
using Dealership.Contracts.Targets;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Stores;

namespace Dealership.Gateway.Apis;

/// <summary>The sales manager's day: each consultant's deliveries, test drives and follow-ups with their clashes, and the morning meeting's sheet.</summary>
public static class ManagersDayApi
{
    public static IEndpointRouteBuilder MapManagersDayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/stores/{storeId}").WithTags(TargetsApi.Tag);
        api.MapGet("/daily-plan", Plan).ForStore(RoleSets.Managers).WithName("GetDailyPlan").Answers<DailyPlan>()
            .WithSummary("The day's plan per consultant (today by default, or day=yyyy-MM-dd): handovers booked (an hour from the slot), " +
                "test drives booked and prospects whose follow-up falls due, in time order; two timed items of one consultant that " +
                "overlap are a clash; and each consultant's follow-ups overdue.");
        api.MapGet("/morning-meeting", Meeting).ForStore(RoleSets.Managers).WithName("GetMorningMeeting").Answers<MorningMeeting>()
            .WithSummary("The morning meeting's sheet (晨会) for a day (today by default): yesterday's daily report against the month's " +
                "target, the day's plan with its clashes and follow-ups overdue, and the deals waiting for approval (oldest first).");
        api.MapGet("/meeting-sheet", MeetingSheet).ForStore(RoleSets.Managers).WithName("GetMeetingSheet").Answers<MeetingSheet>()
            .WithSummary("The weekly (周会, kind=Weekly: on the ISO week before day's) or monthly (月会, kind=Monthly: on the month before " +
                "day's) meeting's sheet, from the same numbers as the morning meeting: the period's figures, the month to date against target " +
                "as the period closed, every consultant's scorecard for the period, what is booked from day to the end of its own week or " +
                "month (handovers, test drives), and the approvals waiting now. day is today by default.");
        return app;
    }

    private static async Task<IResult> Plan(string storeId, string? day, IClusterClient cluster, HttpContext http)
    {
        var (date, bad) = http.DayAsked(day);
        return bad ?? (await cluster.GetGrain<IManagersDayGrain>(GrainKeys.Store(storeId)).Plan(date)).ToResult();
    }

    private static async Task<IResult> Meeting(string storeId, string? day, IClusterClient cluster, HttpContext http)
    {
        var (date, bad) = http.DayAsked(day);
        return bad ?? (await cluster.GetGrain<IManagersDayGrain>(GrainKeys.Store(storeId)).MorningMeeting(date)).ToResult();
    }

    private static async Task<IResult> MeetingSheet(string storeId, MeetingKind? kind, string? day, IClusterClient cluster, HttpContext http)
    {
        var (date, bad) = http.DayAsked(day);
        return bad ?? (await cluster.GetGrain<IManagersDayGrain>(GrainKeys.Store(storeId)).Meeting(kind ?? MeetingKind.Weekly, date)).ToResult();
    }
}
