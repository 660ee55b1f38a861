using CustomerPlatform.Web.Loyalty;

namespace CustomerPlatform.Web.Tests;

/// <summary>The loyalty pages' wording and the way to the next tier, as read from what the Loyalty routes answer.</summary>
public sealed class When_loyalty_points_are_shown
{
    private static readonly DateTimeOffset Now = new(2026, 12, 8, 12, 0, 0, TimeSpan.Zero);

    private static LedgerEntry Entry(string kind, long points, long pending = 0, DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), kind, points, pending, null, null, at ?? Now.AddDays(-1));

    [Fact]
    public void Should_read_the_tier_progress_from_the_points_that_count_toward_tiers_in_the_last_year()
    {
        var member = new MemberPoints(900, 300, "Silver", "Gold", 3_800, []);
        var ledger = new[]
        {
            Entry("pending-earn", 0, pending: 300),
            Entry("redeem", -500),
            Entry("adjustment", 200),
            Entry("confirm", 1_000, pending: -1_000),
            Entry("reverse", -100),
            Entry("earn", 100),
            Entry("confirm", 4_000, pending: -4_000, at: Now.AddYears(-1).AddDays(-1)),
        };

        var progress = LoyaltyText.ProgressOf(member, ledger, Now);

        Assert.Equal(new LoyaltyText.TierProgress("Gold", 1_000, 4_800, 3_800), progress);
    }

    [Fact]
    public void Should_show_no_progress_at_the_top_tier_and_none_below_zero()
    {
        Assert.Null(LoyaltyText.ProgressOf(new MemberPoints(6_000, 0, "Gold", null, null, []), [Entry("confirm", 6_000, -6_000)], Now));
        Assert.Equal(new LoyaltyText.TierProgress("Silver", 0, 1_000, 1_000),
            LoyaltyText.ProgressOf(new MemberPoints(0, 0, "Member", "Silver", 1_000, []), [Entry("reverse", -50)], Now));
    }

    [Theory]
    [InlineData("confirm", 120, -120, "+120 points")]
    [InlineData("pending-earn", 0, 45, "+45 pending")]
    [InlineData("redeem", -1500, 0, "\u22121,500 points")]
    [InlineData("adjustment", 1, 0, "+1 point")]
    [InlineData("reverse", 0, -45, "\u221245 pending")]
    [InlineData("transfer", 10, 5, "+10 points, +5 pending")]
    public void Should_word_what_an_entry_changed(string kind, long points, long pending, string expected) =>
        Assert.Equal(expected, LoyaltyText.Change(Entry(kind, points, pending)));

    [Fact]
    public void Should_name_every_kind_of_entry_in_words()
    {
        foreach (var kind in new[] { "earn", "pending-earn", "confirm", "redeem", "expire", "reverse", "adjustment", "transfer" })
            Assert.NotEqual(kind, LoyaltyText.Kind(kind));
    }

    [Fact]
    public void Should_tell_used_expired_and_valid_codes_apart()
    {
        RewardCode Code(DateTimeOffset expires, DateTimeOffset? used) => new("ABCDEFGHJKLM", "ten-off", "percent-discount", 10, Now.AddDays(-10), expires, used);

        Assert.Equal(LoyaltyText.CodeState.Valid, LoyaltyText.StateOf(Code(Now.AddDays(1), null), Now));
        Assert.Equal(LoyaltyText.CodeState.Expired, LoyaltyText.StateOf(Code(Now, null), Now));
        Assert.Equal(LoyaltyText.CodeState.Used, LoyaltyText.StateOf(Code(Now.AddDays(-1), Now.AddDays(-2)), Now));
    }

    [Theory]
    [InlineData("percent-discount", 10, "10 % off an order")]
    [InlineData("fixed-discount", 5, "5.00 off an order")]
    [InlineData("free-shipping", 0, "Free shipping on an order")]
    public void Should_say_what_a_reward_gives(string kind, decimal value, string expected) =>
        Assert.Equal(expected, LoyaltyText.Gives(kind, value));
}
