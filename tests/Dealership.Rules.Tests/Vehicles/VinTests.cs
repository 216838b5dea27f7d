using Dealership.Contracts.Vehicles;
using Dealership.Gateway.Demo;
using Dealership.Grains.Vehicles;

namespace Dealership.Rules.Tests.Vehicles;

public sealed class VinTests
{
    // Published example VINs with correct check digits.
    [Theory]
    [InlineData("1M8GDM9AXKP042788")]
    [InlineData("11111111111111111")]
    [InlineData("LSVAB32H5TA100013")]
    public void Accepts_a_valid_vin(string vin) => Assert.Null(Vin.Problem(vin));

    [Fact]
    public void Refuses_a_wrong_check_digit()
    {
        var problem = Vin.Problem("1M8GDM9A1KP042788");
        Assert.NotNull(problem);
        Assert.Contains("check digit", problem);
        Assert.Contains("'X'", problem);
    }

    [Theory]
    [InlineData("1M8GDM9AXKP04278I")]
    [InlineData("1M8GDM9AXKO042788")]
    [InlineData("QM8GDM9AXKP042788")]
    public void Refuses_I_O_and_Q(string vin) => Assert.Contains("I, O or Q", Vin.Problem(vin));

    [Theory]
    [InlineData("1M8GDM9AXKP04278")]
    [InlineData("1M8GDM9AXKP0427888")]
    [InlineData("")]
    public void Refuses_a_wrong_length(string vin) => Assert.NotNull(Vin.Problem(vin));

    [Fact]
    public void Refuses_lower_case_and_symbols()
    {
        Assert.NotNull(Vin.Problem("1m8gdm9axkp042788"));
        Assert.NotNull(Vin.Problem("1M8GDM9AXKP04278-"));
    }

    [Fact]
    public void Computes_X_when_the_remainder_is_ten() => Assert.Equal('X', Vin.CheckDigit("1M8GDM9A0KP042788"));

    [Fact]
    public void Every_demo_vin_is_valid_and_unique()
    {
        var vins = DemoGroup.Vehicles(DateTimeOffset.UtcNow).Select(v => v.Vehicle.Vin).ToList();
        Assert.Equal(150, vins.Count);
        Assert.All(vins, v => Assert.Null(Vin.Problem(v)));
        Assert.Equal(vins.Count, vins.Distinct().Count());
    }
}
