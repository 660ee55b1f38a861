namespace CustomerPlatform.Onboarding.Tests;

public sealed class When_business_days_are_counted
{
    [Theory]
    [InlineData("2026-11-23T10:00:00Z", "2026-11-24T10:00:00Z")] // Monday → Tuesday
    [InlineData("2026-11-27T10:00:00Z", "2026-11-30T10:00:00Z")] // Friday → Monday
    [InlineData("2026-11-28T10:00:00Z", "2026-12-01T00:00:00Z")] // Saturday → counts from Monday 00:00
    [InlineData("2026-11-29T23:00:00Z", "2026-12-01T00:00:00Z")] // Sunday
    public void Should_skip_the_weekend(string from, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), BusinessDays.AddOne(DateTimeOffset.Parse(from)));
}
