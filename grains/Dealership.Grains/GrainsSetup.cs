using Dealership.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dealership.Grains;

public static class GrainsSetup
{
    /// <summary>The storage provider every grain of the product uses.</summary>
    public const string StorageName = "dealership";

    /// <summary>
    /// Registers what the grains need on a silo: grain state on PostgreSQL (plain JSON, so a renamed
    /// .NET type never breaks stored rows), the tenancy filter and the clock.
    /// </summary>
    public static ISiloBuilder AddDealershipGrains(this ISiloBuilder silo, string connectionString)
    {
        silo.AddAdoNetGrainStorage(StorageName, o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = connectionString;
        });
        return silo.AddDealershipGrainServices();
    }

    /// <summary>Everything but storage: used by test clusters that bring their own storage.</summary>
    public static ISiloBuilder AddDealershipGrainServices(this ISiloBuilder silo)
    {
        silo.UseSystemTextJsonGrainStorageSerializer();
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton(sp => new BusinessClock(sp.GetRequiredService<TimeProvider>()));
        silo.Services.AddSingleton<StoreGroups>();
        silo.AddIncomingGrainCallFilter<CallerScopeFilter>();
        return silo;
    }
}
