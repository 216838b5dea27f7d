using Dealership.Grains.Common;
using Dealership.Grains.Reports;
using Dealership.Trust;
using Dealership.Grains.Storage;
using Dealership.Grains.Trust;
using Orleans.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dealership.Grains;

public static class GrainsSetup
{
    /// <summary>The storage provider every grain of the product uses.</summary>
    public const string StorageName = "dealership";

    /// <summary>
    /// Registers what the grains need on a silo: grain state and the records each change appends, in the project's
    /// PostgreSQL tables (plain JSON state, so a renamed .NET type never breaks stored rows), the Idempotency-Key log,
    /// the filter that verifies every client's signed caller, the key that seals OEM orders, and the clock.
    /// </summary>
    public static ISiloBuilder AddDealershipGrains(this ISiloBuilder silo, string connectionString, CallerVerification callers, SigningKeys sealKeys,
        Partners.WebhookSettings? webhooks = null, ClusterCertificates? certificates = null)
    {
        silo.Services.AddSingleton(webhooks ?? new Partners.WebhookSettings());
        silo.Services.AddSingleton(new Partners.WebhookSecrets(sealKeys));
        silo.Services.AddSingleton(sp => new Partners.WebhookTargets(sp.GetRequiredService<Partners.WebhookSettings>(), certificates));
        silo.Services.AddHostedService<Partners.WebhookRetention>();
        silo.Services.AddHostedService<Partners.WebhookDispatchers>();
        silo.Services.AddSingleton(callers);
        silo.Services.AddSingleton(new StoreSeals(sealKeys));
        silo.Services.AddSingleton<StaffStandings>();
        silo.Services.AddSingleton<VerifiedCallers>();
        silo.Services.AddSingleton(_ => Database.Connect(connectionString));
        silo.Services.AddGrainStorage(StorageName, (sp, _) => ActivatorUtilities.CreateInstance<GrainStateStore>(sp));
        silo.Services.AddSingleton<OperationLog>();
        silo.Services.AddHostedService<OperationExpiry>();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton(sp => new BusinessClock(sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddSingleton<StoreGroups>();
        silo.Services.TryAddSingleton(new Targets.RollupSwitch(true));
        silo.AddIncomingGrainCallFilter<CallerScopeFilter>();
        return silo;
    }
}
