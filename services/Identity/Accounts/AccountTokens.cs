using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Identity;

/// <summary>Issues and finds the single-use tokens of <see cref="AccountToken"/>, in the caller's unit of work.</summary>
public sealed class AccountTokens(IdentityDbContext db, TimeProvider time)
{
    /// <summary>
    /// A new token for <paramref name="userId"/>; every earlier unused token of the same purpose is
    /// voided in the same SaveChanges, so only the newest email's link works.
    /// </summary>
    public async Task<string> IssueAsync(Guid userId, string purpose, TimeSpan lifetime, CancellationToken cancellationToken, string? newEmail = null)
    {
        var now = time.GetUtcNow();
        var open = await db.AccountTokens
            .Where(t => t.UserId == userId && t.Purpose == purpose && t.UsedAt == null && t.VoidedAt == null)
            .ToListAsync(cancellationToken);
        foreach (var token in open)
            token.VoidedAt = now;

        var (value, hash) = OneTimeToken.Create();
        db.AccountTokens.Add(new AccountToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Purpose = purpose,
            Hash = hash,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            NewEmail = newEmail,
        });
        return value;
    }

    /// <summary>The token's row, tracked, when it exists for this purpose and is neither used, voided nor expired.</summary>
    public async Task<AccountToken?> FindRedeemableAsync(string? token, string purpose, CancellationToken cancellationToken)
    {
        if (!OneTimeToken.TryHash(token, out var hash))
            return null;
        var row = await db.AccountTokens.SingleOrDefaultAsync(t => t.Hash == hash && t.Purpose == purpose, cancellationToken);
        return row is not null && row.IsRedeemable(time.GetUtcNow()) ? row : null;
    }
}
