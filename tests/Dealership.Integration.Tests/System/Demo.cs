namespace Dealership.Integration.Tests.System;

/// <summary>Names from the demo group the system fixture loads (see client/Dealership.Gateway/Demo/DemoGroup.cs).</summary>
public static class Demo
{
    public const string Group = "huaxia";
    public const string Chaoyang = "bj-chaoyang-vw";
    public const string Haidian = "bj-haidian-vw";
    public const string Hexi = "tj-hexi-toyota";
}
