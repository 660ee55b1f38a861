using System.Globalization;

namespace CustomerPlatform.Web.Loyalty;

/// <summary>How the app words the loyalty programme: ledger kinds, point changes, rewards, codes and the way to the next tier.</summary>
public static class LoyaltyText
{
    /// <summary>Points as people read them: thousands grouped (1,250), a true minus sign for a deduction.</summary>
    public static string Points(long points) =>
        (points < 0 ? "\u2212" : "") + Math.Abs(points).ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"1 point", "1,250 points".</summary>
    public static string PointsWord(long points) => Points(points) + (Math.Abs(points) == 1 ? " point" : " points");

    /// <summary>A ledger entry's kind (LedgerKinds in the Loyalty service) in words.</summary>
    public static string Kind(string kind) => kind switch
    {
        "earn" => "Earned",
        "pending-earn" => "Earned from an order (pending)",
        "confirm" => "Confirmed",
        "redeem" => "Spent on a reward",
        "expire" => "Expired",
        "reverse" => "Taken back",
        "adjustment" => "Adjusted by our team",
        "transfer" => "Moved between accounts",
        "code-return" => "Points back from an unused code",
        _ => kind,
    };

    /// <summary>
    /// What an entry did to the balance and to the pending points: "+120 points", "+120 pending", "−500 points";
    /// a confirmation moves pending points to the balance, so it reads by its balance change alone.
    /// </summary>
    public static string Change(LedgerEntry entry)
    {
        var parts = new List<string>();
        if (entry.Points != 0)
            parts.Add(Signed(entry.Points) + (Math.Abs(entry.Points) == 1 ? " point" : " points"));
        if (entry.PendingPoints != 0 && entry.Kind != "confirm")
            parts.Add(Signed(entry.PendingPoints) + " pending");
        return parts.Count > 0 ? string.Join(", ", parts) : "no change";
    }

    private static string Signed(long points) => (points > 0 ? "+" : "") + Points(points);

    /// <summary>What a reward gives (RewardKinds in the Loyalty service).</summary>
    public static string Gives(string kind, decimal value) => kind switch
    {
        "percent-discount" => value.ToString("0.##", CultureInfo.InvariantCulture) + " % off an order",
        "fixed-discount" => value.ToString("0.00", CultureInfo.InvariantCulture) + " off an order",
        "free-shipping" => "Free shipping on an order",
        "early-access" => "Early access to new products",
        _ => kind,
    };

    public enum CodeState { Valid, Used, Expired }

    /// <summary>A code used for an order is used, whenever it would have expired; an unused one past its date is expired.</summary>
    public static CodeState StateOf(RewardCode code, DateTimeOffset now) =>
        code.UsedAt is not null ? CodeState.Used : code.ExpiresAt <= now ? CodeState.Expired : CodeState.Valid;

    public static string Describe(CodeState state) => state switch
    {
        CodeState.Used => "Used",
        CodeState.Expired => "Expired",
        _ => "Valid",
    };

    /// <summary>The way to the next tier: the points that count toward tiers so far, and the next tier's threshold.</summary>
    public sealed record TierProgress(string NextTier, long Earned, long Threshold, long ToGo);

    /// <summary>
    /// The member's progress to <see cref="MemberPoints.NextTier"/>, or null at the top tier. <c>GET /api/loyalty/me</c>
    /// gives the points still needed but neither the threshold nor the points counted so far (ADR-038), so these are
    /// read from the ledger by the programme's rule (confirmed purchase points and direct earns, less reversals, in the
    /// last 12 months; TierOptions in the Loyalty service); the threshold is then those plus the points still needed,
    /// so the two always agree with the service's "to go".
    /// </summary>
    public static TierProgress? ProgressOf(MemberPoints member, IEnumerable<LedgerEntry> ledger, DateTimeOffset now)
    {
        if (member.NextTier is not { } next || member.PointsToNextTier is not { } toGo)
            return null;
        var since = now.AddYears(-1);
        var earned = Math.Max(0, ledger
            .Where(e => e.Kind is "earn" or "confirm" or "reverse" && (e.RecordedAt ?? e.At) >= since)
            .Sum(e => e.Points));
        return new TierProgress(next, earned, earned + toGo, toGo);
    }
}
