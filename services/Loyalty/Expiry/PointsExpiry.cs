using System.Globalization;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Expiry;

/// <summary>
/// One pass of the expiry sweep (ADR-036), safe in any number of replicas at once and as often as it likes:
/// <list type="bullet">
/// <item>each member due (<see cref="Member.NextExpiryCheckAt"/>) is taken with <c>FOR UPDATE SKIP LOCKED</c> (another
/// replica's, or a writer's, member is left for the next pass), its lots read first in, first out, and in that one
/// transaction every lot past its time gets an <c>expire</c> entry (source key per lot: never twice, never more than the
/// balance), the lots entering the warning window get one email (a row per lot: never asked twice), and the member's next
/// check is set;</item>
/// <item>each reward code past its time, never used and not yet given back, gives its cost back as a
/// <see cref="LedgerKinds.CodeReturn"/> entry, under the member's lock and the code's (so the store cannot use it at that
/// moment); a first-purchase code (cost 0) gives nothing.</item>
/// </list>
/// </summary>
public sealed class PointsExpiry(
    LoyaltyDbContext db, IPublishEndpoint publisher, IOptions<ExpiryOptions> options, IOptions<LoyaltyEmailOptions> emails,
    IConfiguration configuration, TimeProvider time, ILogger<PointsExpiry> logger)
{
    public sealed record SweepResult(int MembersSwept, int CodesReturned);

    /// <summary>The NotificationId of the email telling <paramref name="memberId"/> that points expire, the first lot it names being <paramref name="lotId"/>.</summary>
    public static Guid WarningNotificationId(Guid memberId, Guid lotId) =>
        NotificationIds.NameBased(ResourceNames.Services.Loyalty, $"{EmailTemplates.LoyaltyPointsExpiring}/{memberId:N}/{lotId:N}");

    public static string CodeReturnKey(string code) => $"code-return:{code}";

    /// <summary>Gives back what unused expired codes cost, then sweeps the members due; batch after batch while batches come full and move.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        var (members, codes) = (0, 0);
        while (true)
        {
            var now = time.GetUtcNow();
            var expiredCodes = await db.RewardCodes
                .Where(c => c.ExpiresAt <= now && c.UsedForOrderId == null && c.ReturnedAt == null && c.Cost > 0)
                .OrderBy(c => c.ExpiresAt).Select(c => c.Code).Take(batch).ToListAsync(cancellationToken);
            var returned = 0;
            foreach (var code in expiredCodes)
                returned += await ReturnCodeAsync(code, cancellationToken) ? 1 : 0;
            codes += returned;

            var due = await db.Members
                .Where(m => m.Balance > 0 && (m.NextExpiryCheckAt == null || m.NextExpiryCheckAt <= now))
                .OrderBy(m => m.NextExpiryCheckAt).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
            var swept = 0;
            foreach (var memberId in due)
                swept += await SweepMemberAsync(memberId, cancellationToken) ? 1 : 0;
            members += swept;

            if ((expiredCodes.Count < batch || returned == 0) && (due.Count < batch || swept == 0))
                return new SweepResult(members, codes);
        }
    }

    /// <summary>Expires and warns for one member, unless another replica or a writer holds it, or it is not due any more.</summary>
    private Task<bool> SweepMemberAsync(Guid memberId, CancellationToken cancellationToken) => db.InTransactionAsync(async () =>
    {
        var now = time.GetUtcNow();
        var member = await db.Members.FromSql($"""
            SELECT * FROM loyalty_members
            WHERE id = {memberId} AND (next_expiry_check_at IS NULL OR next_expiry_check_at <= {now})
            FOR UPDATE SKIP LOCKED
            """).AsTracking().SingleOrDefaultAsync(cancellationToken);
        if (member is null)
            return false;

        var settings = options.Value;
        var lots = await PointLots.ReadAsync(db, member.Id, cancellationToken);
        foreach (var lot in lots.Where(l => l.ExpiresAt(settings) <= now))
        {
            var points = Math.Min(lot.Remaining, member.Balance);
            if (points <= 0)
                break;
            var appended = await MemberLedger.AppendAsync(db, member, new LedgerEntry
            {
                Id = NewId.NextGuid(), Kind = LedgerKinds.Expire, Points = -points,
                Reason = string.Create(CultureInfo.InvariantCulture, $"Points earned on {lot.EarnedAt.UtcDateTime:yyyy-MM-dd} expired"),
                SourceKey = PointLots.ExpireKey(lot.EntryId), At = lot.ExpiresAt(settings), RecordedAt = now,
            }, cancellationToken);
            if (appended)
                lot.Remaining -= points;
        }

        var left = lots.Where(l => l.Remaining > 0 && l.ExpiresAt(settings) > now).ToList();
        await WarnAsync(member, left.Where(l => l.WarnAt(settings) <= now).ToList(), now, cancellationToken);

        // The next time something is due: a lot's warning or its end; a lot earned after now is due no sooner than now + After - WarnBefore.
        var next = left.Select(l => l.WarnAt(settings) > now ? l.WarnAt(settings) : l.ExpiresAt(settings))
            .Append(now + settings.After - settings.WarnBefore).Min();
        member.NextExpiryCheckAt = next > now ? next : now + settings.SweepEvery;
        return true;
    }, cancellationToken);

    /// <summary>One email for the lots in the warning window not told about yet (their points, the first of their ends), with a row per lot.</summary>
    private async Task WarnAsync(Member member, List<PointLot> lots, DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<PointLot> told = [];
        foreach (var lot in lots)
        {
            var inserted = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO loyalty_expiry_warnings (lot_id, member_id, warned_at) VALUES ({lot.EntryId}, {member.Id}, {now})
                ON CONFLICT (lot_id) DO NOTHING
                """, cancellationToken);
            if (inserted > 0)
                told.Add(lot);
        }
        if (told.Count == 0)
            return;

        var settings = options.Value;
        var first = told.MinBy(l => l.ExpiresAt(settings))!;
        await publisher.Publish(new SendEmail
        {
            NotificationId = WarningNotificationId(member.Id, first.EntryId),
            CustomerId = member.CustomerId ?? Guid.Empty,
            To = member.Email,
            Template = EmailTemplates.LoyaltyPointsExpiring,
            Variables = new Dictionary<string, string>
            {
                ["points"] = told.Sum(l => l.Remaining).ToString(CultureInfo.InvariantCulture),
                ["expiresAt"] = first.ExpiresAt(settings).ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                ["loyaltyLink"] = emails.Value.LoyaltyLink(configuration),
            },
        }, cancellationToken);
        logger.LogInformation("Member {MemberId} told that {Points} points expire from {ExpiresAt}", member.Id, told.Sum(l => l.Remaining), first.ExpiresAt(settings));
    }

    /// <summary>
    /// Gives back the cost of <paramref name="code"/> if it is still expired, unused and not given back: under its member's
    /// lock (the balance moves) and then the code's row lock (the store's redemption takes that one), so the two exclude each other.
    /// </summary>
    private Task<bool> ReturnCodeAsync(string code, CancellationToken cancellationToken) => db.InTransactionAsync(async () =>
    {
        var memberId = await db.RewardCodes.Where(c => c.Code == code).Select(c => c.MemberId).SingleAsync(cancellationToken);
        var member = await MemberLedger.LockAsync(db, memberId, cancellationToken);
        var locked = await db.RewardCodes.FromSql($"SELECT * FROM reward_codes WHERE code = {code} FOR UPDATE").AsTracking().SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        // Moved to a customer's member by a fold while this waited (ADR-033): the next pass takes that member's lock.
        if (locked.MemberId != memberId || locked.UsedForOrderId is not null || locked.ReturnedAt is not null || locked.ExpiresAt > now || locked.Cost <= 0)
            return false;
        locked.ReturnedAt = now;
        await MemberLedger.AppendAsync(db, member, new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.CodeReturn, Points = locked.Cost, Reason = $"Code of reward {locked.RewardId} expired unused",
            SourceKey = CodeReturnKey(locked.Code), At = locked.ExpiresAt, RecordedAt = now,
        }, cancellationToken);
        return true;
    }, cancellationToken);
}
