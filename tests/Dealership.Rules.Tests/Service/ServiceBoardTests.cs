using Dealership.Contracts.Service;

namespace Dealership.Rules.Tests.Service;

/// <summary>The service board hangs in the lounge: a plate shows enough to spot one's car and no more.</summary>
public sealed class ServiceBoardTests
{
    [Theory]
    [InlineData("京A12345", "京A·***45")]
    [InlineData("沪AD12345", "沪A·****45")] // new-energy plates have eight characters
    [InlineData("京A1", "****")]
    public void Plates_keep_the_province_city_letter_and_last_two_characters(string plate, string shown) =>
        Assert.Equal(shown, CarInWorkshop.MaskPlate(plate));

    [Fact]
    public void A_car_without_a_plate_shows_none() => Assert.Null(CarInWorkshop.MaskPlate(null));
}
