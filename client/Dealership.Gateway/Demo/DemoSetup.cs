namespace Dealership.Gateway.Demo;

/// <summary><c>--seed-demo</c> (./run.sh passes it) loads whatever of the demo group is missing once the cluster answers.</summary>
public static class DemoSetup
{
    public const string Flag = "--seed-demo";

    public static WebApplicationBuilder AddDemoGroup(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DemoSeeder>();
        return builder;
    }

    public static WebApplication SeedDemoGroupOnStart(this WebApplication app, bool wanted)
    {
        if (!wanted)
        {
            return app;
        }

        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            var seeder = app.Services.GetRequiredService<DemoSeeder>();
            var log = app.Services.GetRequiredService<ILogger<DemoSeeder>>();
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await seeder.Seed(app.Lifetime.ApplicationStopping);
                    Console.WriteLine("DEMO-SEEDED");
                    return;
                }
                catch (Exception ex) when (attempt < 60 && !app.Lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    log.LogInformation("Demo seeding waits for the cluster ({Message})", ex.Message);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                catch (Exception ex)
                {
                    log.LogError(ex, "Demo seeding failed");
                    return;
                }
            }
        }));
        return app;
    }
}
