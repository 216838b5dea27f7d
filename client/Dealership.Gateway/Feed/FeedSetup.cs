namespace Dealership.Gateway.Feed;

/// <summary>The live store feeds: one subscription per store and gateway, fanned out to the browsers' event streams.</summary>
public static class FeedSetup
{
    public static WebApplicationBuilder AddStoreFeeds(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoreFeedHub>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreFeedHub>());
        return builder;
    }
}
