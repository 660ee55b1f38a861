using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

public sealed class PasswordResetService(
    IdentityDbContext db,
    ILookupNormalizer normalizer,
    IPasswordHasher<PlatformUser> hasher,
    PasswordWork passwordWork,
    AccountTokens tokens,
    AccountEmails emails,
    IPublishEndpoint publisher,
    AccountSessions sessions,
    TimeProvider time,
    IOptions<IdentitySettings> settings)
{
    /// <summary>A reset link for a registered address (voiding earlier ones); nothing for an unknown one.</summary>
    public async Task ForgotAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = normalizer.NormalizeEmail(email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
            return;

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.ResetPassword, settings.Value.ResetTokenLifetime, cancellationToken);
        await emails.ResetPasswordAsync(user, token, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Sets a new password with a reset token: false when the token is not redeemable. Every refresh
    /// token and authorization of the account is revoked in the same transaction, the lockout is lifted,
    /// the owner is told by email, and (the link having proven the mailbox) the address counts as verified.
    /// </summary>
    public async Task<bool> ResetAsync(string token, string newPassword, CancellationToken cancellationToken)
    {
        // Hashed before the transaction, so no row lock or connection is held while it computes; and only
        // for a token that can be redeemed, so a stream of made-up tokens costs no hashing.
        if (await tokens.FindRedeemableAsync(token, AccountTokenPurpose.ResetPassword, cancellationToken) is null)
            return false;
        var newHash = await passwordWork.RunAsync(() => hasher.HashPassword(new PlatformUser(), newPassword), cancellationToken);
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var row = await tokens.FindRedeemableAsync(token, AccountTokenPurpose.ResetPassword, cancellationToken);
                if (row is null)
                    return false;

                var now = time.GetUtcNow();
                row.UsedAt = now;
                var user = await db.Users.SingleAsync(u => u.Id == row.UserId, cancellationToken);
                user.SetPassword(newHash);
                if (!user.EmailConfirmed)
                {
                    user.EmailConfirmed = true;
                    await publisher.Publish(new EmailVerified { CustomerId = user.Id, Email = user.Email!, VerifiedAt = now }, cancellationToken);
                }
                await emails.AccountChangedAsync(user, "Your password was changed.", now, cancellationToken);
                await sessions.RevokeAllAsync(user, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link redeemed twice at once: the other request changed the password.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
