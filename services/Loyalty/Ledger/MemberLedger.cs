using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Loyalty.Ledger;

/// <summary>
/// The only writer of the ledger (ADR-032), inside the caller's transaction (READ COMMITTED): the member row is locked
/// with <c>SELECT … FOR UPDATE</c>, an entry is inserted with <c>ON CONFLICT (source_key) DO NOTHING</c> and, only if it
/// was inserted, the member's running balance moves by the entry's points; entries are never edited.
/// </summary>
public static class MemberLedger
{
    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>An address as the store and the pop-up send it: up to 320 characters with an '@' between something and something.</summary>
    public static bool IsEmail(string? email) => email is { Length: > 2 and <= 320 } && email.IndexOf('@') is > 0 and var at && at < email.Length - 1;

    /// <summary>The member of <paramref name="email"/>, created if new, locked until the transaction ends (locked and read in one statement), and tracked.</summary>
    public static async Task<Member> LockByEmailAsync(LoyaltyDbContext db, string email, Guid? customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = NormalizeEmail(email);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO loyalty_members (id, email, customer_id, balance, pending, created_at, updated_at)
            VALUES ({NewId.NextGuid()}, {address}, {customerId}, 0, 0, {now}, {now})
            ON CONFLICT (email) DO NOTHING
            """, cancellationToken);
        var member = await db.Members.FromSql($"SELECT * FROM loyalty_members WHERE email = {address} FOR UPDATE").AsTracking().SingleAsync(cancellationToken);
        if (customerId is not null && member.CustomerId is null)
            member.CustomerId = customerId;
        return member;
    }

    /// <summary>The member, locked until the transaction ends, and tracked.</summary>
    public static Task<Member> LockAsync(LoyaltyDbContext db, Guid memberId, CancellationToken cancellationToken) =>
        db.Members.FromSql($"SELECT * FROM loyalty_members WHERE id = {memberId} FOR UPDATE").AsTracking().SingleAsync(cancellationToken);

    /// <summary>
    /// Appends <paramref name="entry"/> to the locked <paramref name="member"/>'s ledger unless an entry with its source key
    /// exists; true when it was appended (and the member's balance moved, saved with the caller's transaction).
    /// </summary>
    public static async Task<bool> AppendAsync(LoyaltyDbContext db, Member member, LedgerEntry entry, CancellationToken cancellationToken)
    {
        var inserted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ledger_entries (id, member_id, kind, points, pending_points, order_id, reason, by_id, by_name, source_key, at, recorded_at)
            VALUES ({entry.Id}, {member.Id}, {entry.Kind}, {entry.Points}, {entry.PendingPoints}, {entry.OrderId}, {entry.Reason},
                    {entry.ById}, {entry.ByName}, {entry.SourceKey}, {entry.At}, {entry.RecordedAt})
            ON CONFLICT (source_key) DO NOTHING
            """, cancellationToken);
        if (inserted == 0)
            return false;
        member.Balance += entry.Points;
        member.Pending += entry.PendingPoints;
        member.UpdatedAt = entry.RecordedAt;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
