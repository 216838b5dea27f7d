using Dealership.Integration.Tests.Infrastructure;

namespace Dealership.Integration.Tests.System;

/// <summary>
/// The system as a dealer group would run it: two silo processes and two gateway processes on one
/// PostgreSQL database, with the demo group loaded. Shared by the tests of the "system" collection,
/// which run one after another.
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    public DealershipSystem System { get; private set; } = null!;

    public DealershipSystem.Gateway A => System.Gateways[0];

    public DealershipSystem.Gateway B => System.Gateways[1];

    public async ValueTask InitializeAsync()
    {
        System = await DealershipSystem.Create();
        await System.StartSilo();
        await System.StartSilo();
        await System.StartGateway(seedDemo: true);
        await System.StartGateway();
    }

    public async ValueTask DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
