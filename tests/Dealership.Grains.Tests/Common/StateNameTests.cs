using System.Reflection;

namespace Dealership.Grains.Tests.Common;

public sealed class StateNameTests
{
    /// <summary>Orleans keys stored state by state name and grain key, not by grain type: two grains sharing a name would overwrite each other.</summary>
    [Fact]
    public void Every_grain_class_has_its_own_state_name()
    {
        var names = typeof(GrainsSetup).Assembly.GetTypes()
            .Where(t => typeof(Grain).IsAssignableFrom(t) && !t.IsAbstract)
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters())
                .Select(p => p.GetCustomAttribute<PersistentStateAttribute>())
                .Where(a => a is not null)
                .Select(a => (Grain: t.Name, a!.StateName)))
            .ToList();
        Assert.True(names.Count >= 10, $"found only {names.Count} persistent states");
        var clashes = names.GroupBy(n => n.StateName).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(clashes);
    }
}
