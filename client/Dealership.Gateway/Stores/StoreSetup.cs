namespace Dealership.Gateway.Stores;

/// <summary>What the gateway keeps of stores: which group each belongs to and its time zone (cached), for scope checks and local times.</summary>
public static class StoreSetup
{
    public static WebApplicationBuilder AddStoreDirectory(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<StoreDirectory>();
        return builder;
    }
}
