using System.ComponentModel.DataAnnotations;
using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;

namespace Dealership.Gateway.Apis;

public sealed record NewWebhookRequest([property: Required] string? Url, [property: Required] string[]? EventTypes, string[]? StoreIds, bool? WholeGroup,
    bool? PersonalData);

public sealed record ReplayRequest([property: Required] long? FromNumber);

/// <summary>Partners' webhooks: subscriptions to the group's events, their deliveries, replay and pause.</summary>
public static class WebhooksApi
{
    public const string Tag = "Webhooks";

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/groups/{groupId}/webhooks").WithTags(Tag);
        api.MapGet("", List).ForGroupOrPartners(RoleSets.Administrators).WithName("ListWebhookSubscriptions")
            .Answers<Page<WebhookSubscriptionView>>()
            .WithSummary("The group's webhook subscriptions an administrator's stores cover, or an API client's own.");
        api.MapGet("/event-types", (string groupId) => TypedResults.Ok(WebhookEventTypes.All)).ForGroupOrPartners(RoleSets.Administrators)
            .WithName("ListWebhookEventTypes").Answers<string[]>()
            .WithSummary("The event types a subscription may name.");
        api.MapPost("", Create).ForGroupOrPartners(RoleSets.Administrators).WithName("CreateWebhookSubscription").Creates<WebhookSecret>()
            .Conflicts("idempotency-key-reused").HonoursIdempotencyKey()
            .WithSummary("Subscribe an HTTPS endpoint to event types of some stores (or the whole group). Answers the signing secret, " +
                "shown this once. Events from now on are delivered as CloudEvents, signed (Standard Webhooks), in each store's commit " +
                "order, at least once; personalData (administrators of the whole group only) adds the customer's name.");
        api.MapGet("/{subscriptionId}", Get).ForGroupOrPartners(RoleSets.Administrators).WithName("GetWebhookSubscription")
            .Answers<WebhookSubscriptionView>()
            .WithSummary("One subscription: its status, the last numbered delivery and the last one accepted, and its failures.");
        api.MapGet("/{subscriptionId}/deliveries", Deliveries).ForGroupOrPartners(RoleSets.Administrators).WithName("ListWebhookDeliveries")
            .Answers<Page<WebhookDelivery>>()
            .WithSummary("The subscription's deliveries, newest first: each event's number, attempts, last answer or error.");
        api.MapPost("/{subscriptionId}/secret", (string groupId, string subscriptionId, IClusterClient c, HttpContext h) =>
                Act(groupId, subscriptionId, c, h, g => g.RotateSecret()))
            .ForGroupOrPartners(RoleSets.Administrators).WithName("RotateWebhookSecret").Answers<WebhookSecret>().Conflicts("subscription-cancelled")
            .WithSummary("A new signing secret, shown once; for 24 hours deliveries carry signatures by both the new and the old one.");
        api.MapPost("/{subscriptionId}/pause", (string groupId, string subscriptionId, IClusterClient c, HttpContext h) =>
                Act(groupId, subscriptionId, c, h, g => g.SetPaused(true)))
            .ForGroupOrPartners(RoleSets.Administrators).WithName("PauseWebhookSubscription").Answers<WebhookSubscriptionView>()
            .Conflicts("subscription-cancelled")
            .WithSummary("Stop delivering; events keep being numbered, so nothing is lost.");
        api.MapPost("/{subscriptionId}/resume", (string groupId, string subscriptionId, IClusterClient c, HttpContext h) =>
                Act(groupId, subscriptionId, c, h, g => g.SetPaused(false)))
            .ForGroupOrPartners(RoleSets.Administrators).WithName("ResumeWebhookSubscription").Answers<WebhookSubscriptionView>()
            .Conflicts("subscription-cancelled")
            .WithSummary("Deliver again from the first delivery not yet accepted (also after an automatic pause).");
        api.MapPost("/{subscriptionId}/cancel", (string groupId, string subscriptionId, IClusterClient c, HttpContext h) =>
                Act(groupId, subscriptionId, c, h, g => g.Cancel()))
            .ForGroupOrPartners(RoleSets.Administrators).WithName("CancelWebhookSubscription").Answers<WebhookSubscriptionView>()
            .WithSummary("End the subscription for good.");
        api.MapPost("/{subscriptionId}/replay", Replay).ForGroupOrPartners(RoleSets.Administrators).WithName("ReplayWebhookDeliveries")
            .Answers<WebhookSubscriptionView>().Conflicts("subscription-cancelled")
            .WithSummary("Deliver again, in order, from delivery fromNumber on (the same event ids and numbers); a number past the " +
                "last delivery, or older than the deliveries kept (30 days), is refused (400).");
        return app;
    }

    private static async Task<IResult> List(string groupId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        return bad ?? (await cluster.GetGrain<IWebhookListGrain>(GrainKeys.Group(groupId)).List(page)).ToResult();
    }

    private static async Task<IResult> Create(string groupId, NewWebhookRequest request, IClusterClient cluster, HttpContext http)
    {
        if (Idempotency.OperationId(http).Problem is { } badKey)
        {
            return badKey;
        }

        var subscription = new NewWebhookSubscription(request.Url ?? "", request.EventTypes ?? [], request.StoreIds ?? [], request.WholeGroup ?? false,
            request.PersonalData ?? false);
        var errors = subscription.Validate();
        if (errors.Any)
        {
            return Problems.Invalid(errors);
        }

        var id = Idempotency.NewRecordId(http, "wh", groupId);
        http.Response.Headers.CacheControl = "no-store";
        var outcome = await cluster.GetGrain<IWebhookSubscriptionGrain>(GrainKeys.InGroup(groupId, id)).Create(subscription);
        return outcome.ToResult(v => TypedResults.Created($"/api/groups/{groupId}/webhooks/{v.SubscriptionId}", v));
    }

    private static async Task<IResult> Get(string groupId, string subscriptionId, IClusterClient cluster) =>
        Ids.IsValid(subscriptionId)
            ? (await cluster.GetGrain<IWebhookSubscriptionGrain>(GrainKeys.InGroup(groupId, subscriptionId)).Get()).ToResult()
            : NotFound(subscriptionId);

    private static async Task<IResult> Deliveries(string groupId, string subscriptionId, int? limit, string? after, IClusterClient cluster)
    {
        var (page, bad) = Paging.Read(limit, after);
        if (!Ids.IsValid(subscriptionId))
        {
            return NotFound(subscriptionId);
        }

        return bad ?? (await cluster.GetGrain<IWebhookSubscriptionGrain>(GrainKeys.InGroup(groupId, subscriptionId)).ListDeliveries(page)).ToResult();
    }

    private static async Task<IResult> Replay(string groupId, string subscriptionId, ReplayRequest request, IClusterClient cluster)
    {
        if (!Ids.IsValid(subscriptionId))
        {
            return NotFound(subscriptionId);
        }

        if (request.FromNumber is not { } from)
        {
            return Problems.Invalid("fromNumber", "is required.");
        }

        return (await cluster.GetGrain<IWebhookSubscriptionGrain>(GrainKeys.InGroup(groupId, subscriptionId)).Replay(from)).ToResult();
    }

    private static async Task<IResult> Act<T>(string groupId, string subscriptionId, IClusterClient cluster, HttpContext http,
        Func<IWebhookSubscriptionGrain, Task<Outcome<T>>> act)
    {
        if (!Ids.IsValid(subscriptionId))
        {
            return NotFound(subscriptionId);
        }

        http.Response.Headers.CacheControl = "no-store";
        return (await act(cluster.GetGrain<IWebhookSubscriptionGrain>(GrainKeys.InGroup(groupId, subscriptionId)))).ToResult();
    }

    private static IResult NotFound(string subscriptionId) => Problems.ToResult(Problem.NotFound($"Webhook subscription '{subscriptionId}'"));
}
