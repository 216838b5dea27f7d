using Dealership.Contracts.Common;
using Dealership.Contracts.Partners;
using Dealership.Contracts.Staff;
using Dealership.Grains.Common;
using Dealership.Grains.Storage;
using Orleans.Concurrency;

namespace Dealership.Grains.Partners;

/// <summary>A group's webhook subscriptions: administrators see those of their stores, an API client its own.</summary>
[StatelessWorker]
public sealed class WebhookListGrain(Database database) : Grain, IWebhookListGrain, IScopedGrain
{
    private string GroupId => GrainKeys.Split(this.GetPrimaryKeyString()).Id;

    public ValueTask<GrainScope> GetScope() => ValueTask.FromResult(new GrainScope(GroupId, null));

    public async Task<Outcome<Page<WebhookSubscriptionView>>> List(PageRequest page)
    {
        var caller = Caller.IsDirect ? Caller.Current : null;
        if (caller is { IsPlatform: false, Kind: not CallerKind.Partner, Role: not StaffRole.Administrator })
        {
            return Problem.Forbidden($"A {caller.Role} may not read webhook subscriptions.");
        }

        if (page.After is not null && Cursor.Keys(page.After) is not [_])
        {
            return Problem.Invalid("after", "is not a cursor of this list.");
        }

        string? client = caller is { Kind: CallerKind.Partner } ? caller.StaffId : null;
        string[]? stores = caller is { IsPlatform: false, Kind: not CallerKind.Partner, WholeGroup: false } ? [.. caller.StoreIds] : null;
        var rows = await database.Page(
            $"SELECT {WebhookSubscriptionRow.Columns} FROM webhook_subscriptions WHERE group_id = $1 AND ($2::text IS NULL OR client_id = $2) " +
            "AND ($3::text[] IS NULL OR (NOT whole_group AND store_ids <@ $3)) AND subscription_id > $4 ORDER BY subscription_id",
            WebhookSubscriptionRow.Read, r => Cursor.From(r.View.SubscriptionId), page, GroupId, client, stores, Cursor.Keys(page.After)?[0] ?? "");
        return new Page<WebhookSubscriptionView>([.. rows.Items.Select(r => r.View)], rows.Next);
    }
}
