using CustomerPlatform.Loyalty.Earning;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>A line's points from the earning settings alone: its spend × points per unit × its category's multiplier, rounded down.</summary>
public sealed class When_points_are_counted
{
    private static readonly EarningOptions Settings = new()
    {
        PointsPerUnit = 2m,
        CategoryMultipliers = new() { ["books"] = 1.5m, ["gift-cards"] = 0m },
    };

    [Fact]
    public void Should_earn_nothing_in_a_category_whose_multiplier_is_zero() =>
        Assert.Equal(0L, Settings.PointsFor("Gift-Cards", quantity: 2, unitPrice: 25m));

    [Fact]
    public void Should_apply_a_named_multiplier_ignoring_case_and_round_down() =>
        Assert.Equal(37L, Settings.PointsFor("BOOKS", quantity: 1, unitPrice: 12.50m));

    [Fact]
    public void Should_earn_at_the_base_rate_in_a_category_not_named() =>
        Assert.Equal(50L, Settings.PointsFor("garden", quantity: 1, unitPrice: 25m));
}
