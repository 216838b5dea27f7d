namespace Dealership.Grains.Targets;

/// <summary>
/// Whether a store's changes refresh its summary for group HQ (setting <c>Rollup:Enabled</c>, on by default). Off only to measure
/// what the rollup costs the write path (./bench.sh rollup); HQ's view then shows what it had.
/// </summary>
public sealed record RollupSwitch(bool Enabled);
