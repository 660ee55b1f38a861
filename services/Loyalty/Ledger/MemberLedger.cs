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

    /// <summary>
    /// The member of <paramref name="customerId"/> when the customer has one (whatever <paramref name="email"/> is: an order
    /// may name an old address), else that of <paramref name="email"/>, created if new; locked until the transaction ends
    /// (locked and read in one statement), and tracked. An address's member without a customer becomes the customer's.
    /// </summary>
    public static async Task<Member> LockByEmailAsync(LoyaltyDbContext db, string email, Guid? customerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (customerId is { } id && await LockByCustomerAsync(db, id, cancellationToken) is { } own)
            return own;
        var address = NormalizeEmail(email);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO loyalty_members (id, email, customer_id, balance, pending, created_at, updated_at)
            VALUES ({NewId.NextGuid()}, {address}, {customerId}, 0, 0, {now}, {now})
            ON CONFLICT (email) DO NOTHING
            """, cancellationToken);
        var member = await LockAddressAsync(db, address, cancellationToken)
            ?? throw new InvalidOperationException($"The member of {address} was just created or found, and is gone.");
        // Two first events of one customer with different addresses: the second one's save breaks the unique index on
        // customer_id and is retried, and then finds the customer's member.
        if (customerId is not null && member.CustomerId is null)
            member.CustomerId = customerId;
        return member;
    }

    /// <summary>The customer's member, locked until the transaction ends, and tracked; null when the customer has none yet.</summary>
    public static Task<Member?> LockByCustomerAsync(LoyaltyDbContext db, Guid customerId, CancellationToken cancellationToken) =>
        db.Members.FromSql($"SELECT * FROM loyalty_members WHERE customer_id = {customerId} FOR UPDATE").AsTracking().SingleOrDefaultAsync(cancellationToken);

    private static Task<Member?> LockAddressAsync(LoyaltyDbContext db, string address, CancellationToken cancellationToken) =>
        db.Members.FromSql($"SELECT * FROM loyalty_members WHERE email = {address} FOR UPDATE").AsTracking().SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The customer's address is now <paramref name="newEmail"/> (Identity's sign-up or address change at
    /// <paramref name="changedAt"/>): their member, created if they have none, takes it, unless a later change was applied
    /// already. A member of the new address without a customer (guest orders) is folded into the customer's (ADR-033):
    /// its balance and pending points move with a <see cref="LedgerKinds.Transfer"/> entry on each side, its orders'
    /// earnings and its reward codes follow, and its address is retired. A member of the address that belongs to another customer means that
    /// customer's own change has not arrived yet: this throws, and the retries wait for it.
    /// </summary>
    public static async Task<Member> MoveAddressAsync(
        LoyaltyDbContext db, Guid customerId, string newEmail, DateTimeOffset changedAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var address = NormalizeEmail(newEmail);
        var member = await LockByCustomerAsync(db, customerId, cancellationToken);
        if (member is null)
        {
            member = await LockByEmailAsync(db, address, customerId, now, cancellationToken);
            if (member.CustomerId != customerId)
                throw new InvalidOperationException($"Customer {customerId}'s address {address} still belongs to customer {member.CustomerId}'s member.");
            member.EmailChangedAt = changedAt;
            await db.SaveChangesAsync(cancellationToken);
            return member;
        }
        if (member.Email == address || member.EmailChangedAt >= changedAt)
            return member;

        if (await LockAddressAsync(db, address, cancellationToken) is { } holder)
        {
            if (holder.CustomerId is not null)
                throw new InvalidOperationException($"Customer {customerId}'s new address {address} still belongs to customer {holder.CustomerId}'s member.");
            await FoldAsync(db, holder, member, now, cancellationToken);
        }
        member.Email = address;
        member.EmailChangedAt = changedAt;
        member.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    /// <summary>Moves the locked <paramref name="from"/>'s points and orders to the locked <paramref name="into"/>, and retires its address.</summary>
    private static async Task FoldAsync(LoyaltyDbContext db, Member from, Member into, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (balance, pending) = (from.Balance, from.Pending);
        var reason = $"Points of {from.Email} before it became the customer's address";
        await AppendAsync(db, from, new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.Transfer, Points = -balance, PendingPoints = -pending, Reason = $"Moved to member {into.Id}",
            SourceKey = $"fold:{from.Id}:out", At = now, RecordedAt = now,
        }, cancellationToken);
        await AppendAsync(db, into, new LedgerEntry
        {
            Id = NewId.NextGuid(), Kind = LedgerKinds.Transfer, Points = balance, PendingPoints = pending, Reason = reason,
            SourceKey = $"fold:{from.Id}:in", At = now, RecordedAt = now,
        }, cancellationToken);
        // What its orders earned follows them: their confirmations and reversals now lock and write the customer's member.
        await db.Database.ExecuteSqlAsync($"UPDATE order_earnings SET member_id = {into.Id} WHERE member_id = {from.Id}", cancellationToken);
        // So do its reward codes (a pop-up's first-purchase code among them): the store redeems them with the member's address.
        await db.Database.ExecuteSqlAsync($"UPDATE reward_codes SET member_id = {into.Id} WHERE member_id = {from.Id}", cancellationToken);
        // Saved before the customer's member takes the address (the unique index on email is checked per statement).
        from.Email = $"folded:{from.Id:N}";
        from.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
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
            INSERT INTO ledger_entries (id, member_id, kind, points, pending_points, order_id, reason, by_id, by_name, source_key, at, recorded_at, programme_version)
            VALUES ({entry.Id}, {member.Id}, {entry.Kind}, {entry.Points}, {entry.PendingPoints}, {entry.OrderId}, {entry.Reason},
                    {entry.ById}, {entry.ByName}, {entry.SourceKey}, {entry.At}, {entry.RecordedAt}, {entry.ProgrammeVersion})
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
