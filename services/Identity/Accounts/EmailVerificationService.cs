using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

public sealed class EmailVerificationService(
    IdentityDbContext db,
    ILookupNormalizer normalizer,
    AccountTokens tokens,
    AccountEmails emails,
    IPublishEndpoint publisher,
    TimeProvider time,
    IOptions<IdentitySettings> settings)
{
    /// <summary>
    /// Redeems a verification token: false when it is unknown, used, voided or expired (or another
    /// request redeemed it a moment earlier). <see cref="EmailVerified"/> commits with the change.
    /// </summary>
    public async Task<bool> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        var row = await tokens.FindRedeemableAsync(token, AccountTokenPurpose.VerifyEmail, cancellationToken);
        if (row is null)
            return false;

        var now = time.GetUtcNow();
        row.UsedAt = now;
        var user = await db.Users.SingleAsync(u => u.Id == row.UserId, cancellationToken);
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            await publisher.Publish(new EmailVerified { CustomerId = user.Id, Email = user.Email!, VerifiedAt = now }, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>A new link for an unverified account (the old one stops working); nothing for any other address.</summary>
    public async Task ResendAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeEmail(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized && !u.EmailConfirmed, cancellationToken);
        if (user is null)
            return;

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.VerifyEmail, settings.Value.VerificationTokenLifetime, cancellationToken);
        await emails.VerifyEmailAsync(user, token, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent resend voided the same token and sent its own link.
            db.ChangeTracker.Clear();
        }
    }
}
