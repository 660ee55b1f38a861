using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Tests;

/// <summary>
/// Many writers at once on one member (READ COMMITTED, the member row locked): each source key gives one entry, and the
/// running balance is always the sum of the entries.
/// </summary>
[Collection(LoyaltyCollection.Name)]
public sealed class When_the_ledger_is_written_at_once(LoyaltyFixture fixture)
{
    [Fact]
    public async Task Should_keep_the_balance_the_sum_of_the_entries_with_one_entry_per_source_key()
    {
        var email = $"race.{Guid.NewGuid():N}@example.com";
        // 60 writers, 20 source keys: each key written three times at once, each worth its number in points.
        var writers = Enumerable.Range(0, 60).Select(i => Task.Run(() => fixture.AdjustAsync(email, null, $"race:{email}:{i % 20}", i % 20 + 1)));
        var appended = await Task.WhenAll(writers);

        Assert.Equal(20, appended.Count(a => a));
        var member = (await fixture.MemberAsync(email))!;
        var entries = await fixture.ReadAsync(db => db.LedgerEntries.Where(e => e.MemberId == member.Id).ToListAsync());
        Assert.Equal(20, entries.Count);
        Assert.Equal(Enumerable.Range(1, 20).Sum(), member.Balance);
        Assert.Equal(entries.Sum(e => e.Points), member.Balance);
    }
}
