using CustomerPlatform.Loyalty.Ledger;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Expiry;

/// <summary>
/// What is left of a lot: the confirmed points one entry added to the balance (an earn, a confirmation, a positive
/// adjustment, a transfer in, a code's points given back), earned when the entry was recorded.
/// </summary>
public sealed class PointLot(Guid entryId, DateTimeOffset earnedAt, long remaining)
{
    public Guid EntryId { get; } = entryId;
    public DateTimeOffset EarnedAt { get; } = earnedAt;
    public long Remaining { get; internal set; } = remaining;

    public DateTimeOffset ExpiresAt(ExpiryOptions options) => EarnedAt + options.After;

    /// <summary>When the member is told the lot's points will expire.</summary>
    public DateTimeOffset WarnAt(ExpiryOptions options) => ExpiresAt(options) - options.WarnBefore;
}

/// <summary>
/// First in, first out (ADR-036): the member's entries replayed in the ledger's order (recorded time, then id) — every
/// entry that adds confirmed points opens a lot, every entry that takes them (a redemption, a negative adjustment, a
/// reversal of confirmed points, a transfer out) uses up the oldest lots first. An <c>expire</c> entry takes its own lot
/// (named by its source key), whatever the order it was recorded in. Points taken beyond every lot (a reversal of points
/// already spent: the balance below zero) are a debt the next lots pay first, so what the lots hold is always the
/// positive part of the balance. Nothing is stored: the ledger is the truth, and this is a reading of it.
/// </summary>
public static class PointLots
{
    /// <summary>The source key of the entry that expires the lot opened by <paramref name="lotEntryId"/>: one per lot, ever.</summary>
    public static string ExpireKey(Guid lotEntryId) => $"expire:{lotEntryId:N}";

    /// <summary>The member's lots with points left, oldest first (read in the caller's transaction: under the member's lock when it writes).</summary>
    public static async Task<List<PointLot>> ReadAsync(LoyaltyDbContext db, Guid memberId, CancellationToken cancellationToken) =>
        Remaining(await db.LedgerEntries
            .Where(e => e.MemberId == memberId && e.Points != 0)
            .OrderBy(e => e.RecordedAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken));

    /// <summary>The lots with points left after <paramref name="entries"/> (in the ledger's order), oldest first.</summary>
    public static List<PointLot> Remaining(IEnumerable<LedgerEntry> entries)
    {
        var lots = new List<PointLot>();
        var byExpireKey = new Dictionary<string, PointLot>(StringComparer.Ordinal);
        var oldest = 0;
        long debt = 0;
        foreach (var entry in entries)
        {
            if (entry.Points > 0)
            {
                var paid = Math.Min(debt, entry.Points);
                debt -= paid;
                var lot = new PointLot(entry.Id, entry.RecordedAt, entry.Points - paid);
                lots.Add(lot);
                byExpireKey[ExpireKey(entry.Id)] = lot;
                continue;
            }
            var taken = -entry.Points;
            if (entry.Kind == LedgerKinds.Expire && byExpireKey.TryGetValue(entry.SourceKey, out var own))
                taken -= Take(own, taken);
            for (; taken > 0 && oldest < lots.Count; oldest += lots[oldest].Remaining == 0 ? 1 : 0)
                taken -= Take(lots[oldest], taken);
            debt += taken;
        }
        return [.. lots.Where(l => l.Remaining > 0)];
    }

    private static long Take(PointLot lot, long points)
    {
        var taken = Math.Min(lot.Remaining, points);
        lot.Remaining -= taken;
        return taken;
    }
}
