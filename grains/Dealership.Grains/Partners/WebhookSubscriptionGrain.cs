using System.Globalization;
using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Dealership.Grains.Partners;

public sealed class WebhookState : RecordedState
{
    public string? Url { get; set; }
    public List<string> EventTypes { get; set; } = [];
    public List<string> StoreIds { get; set; } = [];
    public bool WholeGroup { get; set; }
    public bool PersonalData { get; set; }
    public string SealedSecret { get; set; } = "";
    public string? PreviousSealedSecret { get; set; }
    public DateTimeOffset? PreviousSecretUntil { get; set; }
    public DateTimeOffset SecretIssuedAt { get; set; }
    public WebhookStatus Status { get; set; }
    public string? PausedReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";

    /// <summary>The API client that subscribed, if a partner's system did: it sees and manages only its own subscriptions.</summary>
    public string? ClientId { get; set; }

    /// <summary>Per store, the last event sequence taken (delivered, queued or filtered out).</summary>
    public Dictionary<string, long> Cursors { get; set; } = [];
    public long LastNumber { get; set; }
    public long DeliveredThrough { get; set; }
    public int FailedAttempts { get; set; }
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>
/// A webhook subscription and its dispatcher. Each pass takes the events committed since its cursors, store by store in sequence
/// order, numbers those of its types (the filtered ones only move the cursor), and then delivers from the first undelivered
/// number, one at a time, each waiting for the one before to be accepted: order holds per store, and a receiver down for a
/// while gets everything once it is back (at least once: a delivery whose answer was lost comes again with the same id). The
/// silos wake every dispatcher when they start and every minute (<see cref="WebhookDispatchers"/>); while active it looks every
/// second.
/// </summary>
public sealed partial class WebhookSubscriptionGrain(
    [PersistentState("webhook", GrainsSetup.StorageName)] IPersistentState<WebhookState> state,
    Database database,
    WebhookTargets targets,
    WebhookSecrets secrets,
    WebhookSettings settings,
    StoreGroups storeGroups,
    BusinessClock clock,
    ILogger<WebhookSubscriptionGrain> log) : Grain, IWebhookSubscriptionGrain, IScopedGrain
{
    private const int Batch = 200;

    private IGrainTimer? pass;

    private (string GroupId, string SubscriptionId) Key => GrainKeys.Split(this.GetPrimaryKeyString());

    private bool Exists => state.State.Url is not null;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(Key.GroupId, null));

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists && state.State.Status != WebhookStatus.Cancelled)
        {
            Run();
        }

        return Task.CompletedTask;
    }

    public async Task<Outcome<WebhookSecret>> Create(NewWebhookSubscription subscription)
    {
        var errors = subscription.Validate();
        if (errors.Any)
        {
            return Problem.Invalid(errors);
        }

        if (Subscriber(subscription.StoreIds, subscription.WholeGroup, subscription.PersonalData) is { } refused)
        {
            return refused;
        }

        if (await Checked(subscription) is { } bad)
        {
            return bad;
        }

        var s = state.State;
        if (Exists)
        {
            // The same Idempotency-Key again: the first answer (with the secret) may never have arrived; the secret is issued again.
            var same = s.Url == subscription.Url && s.EventTypes.SequenceEqual(subscription.EventTypes) && s.StoreIds.SequenceEqual(subscription.StoreIds)
                && s.WholeGroup == subscription.WholeGroup && s.PersonalData == subscription.PersonalData && s.Status != WebhookStatus.Cancelled;
            return same
                ? await NewSecret(clock.GetUtcNow(), "secret issued again for a retried subscription", overlap: false)
                : Problem.Conflict("idempotency-key-reused", "This Idempotency-Key made a different subscription.");
        }

        var now = clock.GetUtcNow();
        (s.Url, s.EventTypes, s.StoreIds, s.WholeGroup, s.PersonalData) =
            (subscription.Url, [.. subscription.EventTypes], [.. subscription.StoreIds], subscription.WholeGroup, subscription.PersonalData);
        (s.Status, s.CreatedAt, s.CreatedBy) = (WebhookStatus.Active, now, Audit.Who);
        s.ClientId = Caller.Current is { Kind: CallerKind.Partner } partner ? partner.StaffId : null;

        // Events from now on: what the stores have already is history, not news.
        s.Cursors = await Heads();
        var outcome = await NewSecret(now, $"subscribed {s.Url} to {string.Join(' ', s.EventTypes)} in {Where()}" +
            (s.PersonalData ? ", with customers' names and mobiles" : ""), overlap: false);
        Run();
        return outcome;
    }

    public Task<Outcome<WebhookSubscriptionView>> Get() => Task.FromResult(Exists && Visible() ? (Outcome<WebhookSubscriptionView>)ViewOf() : NotFound());

    public async Task<Outcome<WebhookSecret>> RotateSecret()
    {
        if (Managed() is { } refused)
        {
            return refused;
        }

        if (state.State.Status == WebhookStatus.Cancelled)
        {
            return Problem.Conflict("subscription-cancelled", "This subscription is cancelled.");
        }

        return await NewSecret(clock.GetUtcNow(), "secret rotated", overlap: true);
    }

    public async Task<Outcome<WebhookSubscriptionView>> SetPaused(bool paused)
    {
        if (Managed() is { } refused)
        {
            return refused;
        }

        var s = state.State;
        if (s.Status == WebhookStatus.Cancelled)
        {
            return Problem.Conflict("subscription-cancelled", "This subscription is cancelled.");
        }

        if ((s.Status == WebhookStatus.Paused) == paused)
        {
            return ViewOf();
        }

        (s.Status, s.PausedReason) = paused ? (WebhookStatus.Paused, $"paused by {Audit.Who}") : (WebhookStatus.Active, null);
        if (!paused)
        {
            // Resumed: the next delivery is tried at once, its failures counted afresh.
            (s.FailedAttempts, s.FailingSince, s.NextAttemptAt) = (0, null, null);
        }

        await Save(clock.GetUtcNow(), paused ? "paused" : "resumed");
        return ViewOf();
    }

    public async Task<Outcome<WebhookSubscriptionView>> Cancel()
    {
        if (Managed() is { } refused)
        {
            return refused;
        }

        if (state.State.Status != WebhookStatus.Cancelled)
        {
            state.State.Status = WebhookStatus.Cancelled;
            await Save(clock.GetUtcNow(), "cancelled");
            pass?.Dispose();
            pass = null;
        }

        return ViewOf();
    }

    public async Task<Outcome<WebhookSubscriptionView>> Replay(long fromNumber)
    {
        if (Managed() is { } refused)
        {
            return refused;
        }

        var s = state.State;
        if (s.Status == WebhookStatus.Cancelled)
        {
            return Problem.Conflict("subscription-cancelled", "This subscription is cancelled.");
        }

        if (fromNumber < 1 || fromNumber > s.LastNumber)
        {
            return Problem.Invalid("fromNumber", s.LastNumber == 0
                ? "there is nothing to replay yet: no delivery has been numbered."
                : $"must be between 1 and {s.LastNumber}, the last delivery's number.");
        }

        var oldest = await database.Scalar<long?>("SELECT min(number) FROM webhook_deliveries WHERE subscription_id = $1", Key.SubscriptionId);
        if (oldest is null || fromNumber < oldest)
        {
            return Problem.Invalid("fromNumber", $"deliveries before {oldest ?? s.LastNumber + 1} are no longer kept ({settings.RetentionDays} days).");
        }

        s.DeliveredThrough = Math.Min(s.DeliveredThrough, fromNumber - 1);
        (s.FailedAttempts, s.FailingSince, s.NextAttemptAt, s.LastError) = (0, null, null, null);
        s.Pending.Add(new DeliveriesReplayedRow(Key.SubscriptionId, fromNumber));
        await Save(clock.GetUtcNow(), $"replay from delivery {fromNumber}");
        return ViewOf();
    }

    public async Task<Outcome<Page<WebhookDelivery>>> ListDeliveries(PageRequest page)
    {
        if (!Exists || !Visible())
        {
            return NotFound();
        }

        if (page.After is not null && Cursor.Number(page.After) is null)
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        return await database.Page(
            $"SELECT {WebhookDeliveries.Columns} FROM webhook_deliveries WHERE subscription_id = $1 AND number < $2 ORDER BY number DESC",
            WebhookDeliveries.Read, d => Cursor.From(d.Number), page, Key.SubscriptionId, Cursor.Number(page.After) ?? long.MaxValue);
    }

    public Task Wake()
    {
        if (Exists && state.State.Status != WebhookStatus.Cancelled)
        {
            Run();
        }

        return Task.CompletedTask;
    }

    /// <summary>Starts the passes (if not running): every PollMilliseconds while the grain is active.</summary>
    private void Run() => pass ??= this.RegisterGrainTimer(Pass, new GrainTimerCreationOptions
    {
        DueTime = TimeSpan.Zero,
        Period = TimeSpan.FromMilliseconds(settings.PollMilliseconds),
        KeepAlive = true,
    });

    private async Task Pass(CancellationToken cancellation)
    {
        try
        {
            await Take();
            if (state.State.Status == WebhookStatus.Active)
            {
                await Deliver(cancellation);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database is away: nothing was taken or marked; the next pass starts from the stored place. If even that cannot
            // be read, the activation is dropped (a timer's failure does not do it), so no cursor moved in memory outlives it.
            PassFailed(Key.SubscriptionId, e.Message);
            try
            {
                await state.ReadStateAsync();
            }
            catch (Exception)
            {
                this.DeactivateOnIdle();
            }
        }
    }

    /// <summary>Numbers the new events of its types, store by store in commit order; the cursors move past every event read.</summary>
    private async Task Take()
    {
        var s = state.State;
        var heads = await Heads();
        var behind = heads.Where(h => h.Value > s.Cursors.GetValueOrDefault(h.Key)).Select(h => h.Key).Order(StringComparer.Ordinal).ToList();
        if (behind.Count == 0)
        {
            return;
        }

        var taken = 0;
        foreach (var store in behind)
        {
            var events = await database.List(
                "SELECT seq, event_id, type, occurred_at FROM partner_events WHERE store_id = $1 AND seq > $2 ORDER BY seq LIMIT " + Batch,
                r => (Seq: r.GetInt64(0), Id: r.GetGuid(1), Type: r.GetString(2), At: r.GetFieldValue<DateTimeOffset>(3)),
                store, s.Cursors.GetValueOrDefault(store));
            foreach (var e in events)
            {
                s.Cursors[store] = e.Seq;
                if (s.EventTypes.Contains(e.Type))
                {
                    s.LastNumber++;
                    s.Pending.Add(new DeliveryQueuedRow(Key.SubscriptionId, Key.GroupId, s.LastNumber, e.Id, store, e.Seq, e.Type, e.At));
                    taken++;
                }
            }
        }

        // Cursors that moved past filtered events only are kept too, so they are not read again.
        s.Pending.Add(new WebhookSubscriptionRow(ViewOf(), s.ClientId));
        await state.WriteStateAsync();
        if (taken > 0)
        {
            Taken(Key.SubscriptionId, taken, s.LastNumber);
        }
    }

    /// <summary>Delivers from the first undelivered number on, in order, until one fails or none is left.</summary>
    private async Task Deliver(CancellationToken cancellation)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (s.DeliveredThrough >= s.LastNumber || s.NextAttemptAt > now)
        {
            return;
        }

        var due = await database.List(
            "SELECT d.number, e.event_id, e.type, e.store_id, e.seq, e.subject, e.occurred_at, e.data::text, e.personal::text " +
            "FROM webhook_deliveries d JOIN partner_events e ON e.event_id = d.event_id " +
            "WHERE d.subscription_id = $1 AND d.number > $2 ORDER BY d.number LIMIT 50",
            r => new OutgoingEvent(r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetInt64(4), r.GetString(5),
                r.GetFieldValue<DateTimeOffset>(6), r.GetString(7), Sql.Text(r, 8)),
            Key.SubscriptionId, s.DeliveredThrough);
        foreach (var e in due)
        {
            if (e.Number != s.DeliveredThrough + 1 || cancellation.IsCancellationRequested || s.Status != WebhookStatus.Active)
            {
                return;
            }

            var (ok, status, error) = await Send(e, cancellation);
            now = clock.GetUtcNow();
            s.Pending.Add(new DeliveryAttemptRow(Key.SubscriptionId, e.Number, ok, now, status, error));
            if (ok)
            {
                s.DeliveredThrough = e.Number;
                (s.FailedAttempts, s.FailingSince, s.NextAttemptAt, s.LastError) = (0, null, null, null);
                s.Pending.Add(new WebhookSubscriptionRow(ViewOf(), s.ClientId));
                await state.WriteStateAsync();
                continue;
            }

            s.FailedAttempts++;
            s.FailingSince ??= now;
            s.LastError = error;
            var wait = TimeSpan.FromSeconds(Math.Min(settings.MaxBackoffSeconds, Math.Pow(2, Math.Min(s.FailedAttempts - 1, 20))));
            s.NextAttemptAt = now + wait;
            if (now - s.FailingSince >= TimeSpan.FromMinutes(settings.PauseAfterMinutes))
            {
                (s.Status, s.PausedReason) = (WebhookStatus.Paused,
                    $"paused after failing since {s.FailingSince:u}: {error}; its backlog is kept, resume when the endpoint is back");
                await Save(now, s.PausedReason);
            }
            else
            {
                s.Pending.Add(new WebhookSubscriptionRow(ViewOf(), s.ClientId));
                await state.WriteStateAsync();
            }

            DeliveryFailed(Key.SubscriptionId, e.Number, error ?? "");
            return;
        }
    }

    private async Task<(bool Ok, int? Status, string? Error)> Send(OutgoingEvent e, CancellationToken cancellation)
    {
        var s = state.State;
        var body = WebhookMessage.Body(e, s.PersonalData);
        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var keys = new List<string> { secrets.Open(s.SealedSecret) };
        if (s.PreviousSealedSecret is { } previous && s.PreviousSecretUntil > now)
        {
            keys.Add(secrets.Open(previous));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, s.Url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8),
        };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(WebhookMessage.ContentType);
        var id = e.EventId.ToString();
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSecrets.Signature(keys, id, timestamp, body));
        request.Headers.Add("Dealership-Delivery-Number", WebhookMessage.Number(e.Number));
        try
        {
            using var response = await targets.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
            var code = (int)response.StatusCode;
            return response.IsSuccessStatusCode ? (true, code, null) : (false, code, $"the endpoint answered {code} {response.ReasonPhrase}");
        }
        catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, null, failure is TaskCanceledException ? $"no answer within {settings.TimeoutSeconds} s" : failure.Message);
        }
    }

    /// <summary>Each store's last event sequence now, for the stores this subscription covers.</summary>
    private async Task<Dictionary<string, long>> Heads()
    {
        var s = state.State;
        var rows = await database.List(
            "SELECT store_id, last_seq FROM store_event_sequences WHERE group_id = $1 AND ($2 OR store_id = ANY($3))",
            r => (Store: r.GetString(0), Last: r.GetInt64(1)), Key.GroupId, s.WholeGroup, (object)s.StoreIds.ToArray());
        return rows.ToDictionary(r => r.Store, r => r.Last, StringComparer.Ordinal);
    }

    /// <summary>Stores of this group, and reachable for partners: the URL's host is not inside the installation's network.</summary>
    private async Task<Problem?> Checked(NewWebhookSubscription subscription)
    {
        var errors = new FieldErrors();
        for (var i = 0; i < subscription.StoreIds.Count; i++)
        {
            if (await storeGroups.GroupOf(subscription.StoreIds[i]) != Key.GroupId)
            {
                errors.Add($"storeIds[{i}]", $"'{subscription.StoreIds[i]}' is not a store of this group.");
            }
        }

        if (await targets.Refusal(new Uri(subscription.Url)) is { } refusal)
        {
            errors.Add("url", refusal);
        }

        return errors.Any ? Problem.Invalid(errors) : null;
    }

    /// <summary>
    /// Who may subscribe: an administrator, or a partner's API client (its scopes were checked by the gateway), for stores their
    /// own scope covers. Customers' names and mobiles go only where an administrator of the whole group sends them.
    /// </summary>
    private static Problem? Subscriber(IReadOnlyList<string> storeIds, bool wholeGroup, bool personalData)
    {
        if (!Caller.IsDirect || Caller.Current is not { IsPlatform: false } caller)
        {
            return null;
        }

        if (caller.Kind != CallerKind.Partner && caller.Role != StaffRole.Administrator)
        {
            return Problem.Forbidden($"A {caller.Role} may not manage webhook subscriptions.");
        }

        if (wholeGroup ? !caller.WholeGroup : !caller.WholeGroup && storeIds.Any(st => !caller.StoreIds.Contains(st)))
        {
            return Problem.Forbidden("A subscription may cover only stores the subscriber's own scope covers.");
        }

        return personalData && (caller.Kind == CallerKind.Partner || !caller.WholeGroup)
            ? Problem.Forbidden("Only an administrator of the whole group sends customers' names and mobiles to a partner.")
            : null;
    }

    /// <summary>Seen by the group's administrators whose stores it covers, and by the API client that made it.</summary>
    private bool Visible()
    {
        if (!Caller.IsDirect || Caller.Current is not { IsPlatform: false } caller)
        {
            return true;
        }

        var s = state.State;
        if (caller.Kind == CallerKind.Partner)
        {
            return s.ClientId == caller.StaffId;
        }

        return caller.Role == StaffRole.Administrator && (caller.WholeGroup || (!s.WholeGroup && s.StoreIds.All(caller.StoreIds.Contains)));
    }

    private Problem? Managed() => !Exists || !Visible() ? NotFound() : null;

    private async Task<Outcome<WebhookSecret>> NewSecret(DateTimeOffset now, string what, bool overlap)
    {
        var s = state.State;
        var secret = WebhookSecrets.New();
        (s.PreviousSealedSecret, s.PreviousSecretUntil) = overlap ? (s.SealedSecret, now + TimeSpan.FromHours(24)) : ((string?)null, (DateTimeOffset?)null);
        (s.SealedSecret, s.SecretIssuedAt) = (secrets.Seal(secret), now);
        await Save(now, what);
        return new WebhookSecret(Key.SubscriptionId, secret, ViewOf());
    }

    private async Task Save(DateTimeOffset now, string what)
    {
        state.State.Pending.Add(new AuditRow(Key.GroupId, null, "webhook", Key.SubscriptionId, now, Audit.Who, what));
        state.State.Pending.Add(new WebhookSubscriptionRow(ViewOf(), state.State.ClientId));
        await state.WriteStateAsync();
    }

    private string Where() => state.State.WholeGroup ? "the whole group" : string.Join(", ", state.State.StoreIds);

    private WebhookSubscriptionView ViewOf()
    {
        var s = state.State;
        return new WebhookSubscriptionView(Key.SubscriptionId, Key.GroupId, s.Url!, [.. s.EventTypes], [.. s.StoreIds], s.WholeGroup, s.PersonalData,
            s.Status, s.PausedReason, s.CreatedAt, s.CreatedBy, s.LastNumber, s.DeliveredThrough, s.FailedAttempts, s.NextAttemptAt, s.LastError,
            s.SecretIssuedAt, s.PreviousSecretUntil);
    }

    private Problem NotFound() => Problem.NotFound($"Webhook subscription '{Key.SubscriptionId}'");

    [LoggerMessage(LogLevel.Information, "Webhook subscription {Subscription} took {Count} events (last number {Last})")]
    private partial void Taken(string subscription, int count, long last);

    [LoggerMessage(LogLevel.Warning, "Webhook subscription {Subscription} could not deliver number {Number}: {Error}")]
    private partial void DeliveryFailed(string subscription, long number, string error);

    [LoggerMessage(LogLevel.Warning, "Webhook subscription {Subscription} skipped a pass: {Error}")]
    private partial void PassFailed(string subscription, string error);
}
