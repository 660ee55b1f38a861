using CustomerPlatform.Contracts.Identity;
using MassTransit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CustomerPlatform.Identity;

/// <summary>
/// A signed-in customer changes their password or their address. Both ask for the current password (counted
/// like a sign-in, so guesses lock the account). A new password takes effect at once; a new address only once
/// the link sent to it is redeemed, so nobody can move an account to a mailbox they do not hold. Either change
/// revokes every refresh token and authorization of the account and tells the owner by email, in the
/// transaction that makes it.
/// </summary>
public sealed class AccountChangeService(
    IdentityDbContext db,
    ILookupNormalizer normalizer,
    IPasswordHasher<PlatformUser> hasher,
    PasswordWork passwordWork,
    SignInService signIn,
    AccountTokens tokens,
    AccountEmails emails,
    StaffAccountEvents staffEvents,
    IPublishEndpoint publisher,
    AccountSessions sessions,
    TimeProvider time,
    IOptions<IdentitySettings> settings)
{
    public async Task<AccountChangeOutcome> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return AccountChangeOutcome.NotFound;
        if (!await signIn.CheckPasswordAsync(user, currentPassword, cancellationToken))
            return AccountChangeOutcome.WrongPassword;

        // Hashed outside the transaction, so no row lock or connection waits on it.
        var newHash = await passwordWork.RunAsync(() => hasher.HashPassword(user, newPassword), cancellationToken);
        return await db.InTransactionAsync(async () =>
        {
            var now = time.GetUtcNow();
            var row = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (row is null)
                return AccountChangeOutcome.NotFound;
            if (row.SecurityStamp != user.SecurityStamp)
                return AccountChangeOutcome.Conflict;

            row.SetPassword(newHash);
            await emails.AccountChangedAsync(row, "Your password was changed.", now, cancellationToken);
            await sessions.RevokeAllAsync(row, cancellationToken);
            return AccountChangeOutcome.Changed;
        }, cancellationToken);
    }

    /// <summary>
    /// Sends a confirmation link to <paramref name="newEmail"/>. An address another account holds gets no link and
    /// the caller the same answer, so this cannot be used to find out which addresses are registered.
    /// </summary>
    public async Task<AccountChangeOutcome> RequestEmailChangeAsync(Guid userId, string newEmail, string password, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
            return AccountChangeOutcome.NotFound;
        var normalized = normalizer.NormalizeEmail(newEmail);
        if (normalized == user.NormalizedEmail)
            return AccountChangeOutcome.SameAddress;
        if (!await signIn.CheckPasswordAsync(user, password, cancellationToken))
            return AccountChangeOutcome.WrongPassword;

        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
            return AccountChangeOutcome.Requested;

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.ChangeEmail, settings.Value.EmailChangeTokenLifetime, cancellationToken, newEmail);
        await emails.ConfirmEmailChangeAsync(user, newEmail, token, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two requests at once: the other one's link is the one that stands.
            db.ChangeTracker.Clear();
        }
        return AccountChangeOutcome.Requested;
    }

    /// <summary>Redeems a confirmation link: the account takes the address it was sent to.</summary>
    public async Task<AccountChangeOutcome> ConfirmEmailChangeAsync(string token, CancellationToken cancellationToken)
    {
        try
        {
            return await db.InTransactionAsync(async () =>
            {
                var now = time.GetUtcNow();
                var row = await tokens.FindRedeemableAsync(token, AccountTokenPurpose.ChangeEmail, cancellationToken);
                if (row?.NewEmail is null)
                    return AccountChangeOutcome.InvalidToken;
                var user = await db.Users.SingleAsync(u => u.Id == row.UserId, cancellationToken);
                var newEmail = row.NewEmail;
                var normalized = normalizer.NormalizeEmail(newEmail);
                if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != user.Id, cancellationToken))
                {
                    row.VoidedAt = now;
                    return AccountChangeOutcome.AddressTaken;
                }

                row.UsedAt = now;
                var oldEmail = user.Email!;
                user.SetEmail(newEmail, normalized);
                await publisher.Publish(new CustomerEmailChanged { CustomerId = user.Id, OldEmail = oldEmail, NewEmail = newEmail, ChangedAt = now }, cancellationToken);
                await emails.AccountChangedAsync(user, $"Your email address was changed to {newEmail}.", now, cancellationToken, to: oldEmail);
                await sessions.RevokeAllAsync(user, cancellationToken);
                await staffEvents.PublishAsync([user.Id], cancellationToken);
                return AccountChangeOutcome.Changed;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The link redeemed twice at once, or the address signed up for in the same instant.
            db.ChangeTracker.Clear();
            return e is DbUpdateConcurrencyException ? AccountChangeOutcome.InvalidToken : AccountChangeOutcome.AddressTaken;
        }
    }
}
