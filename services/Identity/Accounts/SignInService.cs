using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// Checks an email and password for the token endpoint and the sign-in page, with lockout: the
/// fifth failure in a row locks the account for 15 minutes. A caller learns only "refused", never
/// which part was wrong nor that the account is locked, and every path costs one password hash.
/// </summary>
public sealed class SignInService(
    IdentityDbContext db,
    ILookupNormalizer normalizer,
    IPasswordHasher<PlatformUser> hasher,
    PasswordWork passwordWork,
    DummyPasswordHash dummy,
    TimeProvider time,
    IOptions<IdentitySettings> settings)
{
    public const string RefusedMessage = "The email address or password is incorrect, or the account is temporarily locked.";
    public const string NotVerifiedMessage = "The email address has not been verified.";

    public async Task<(SignInOutcome Outcome, PlatformUser? User)> CheckAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        password ??= "";
        var normalized = normalizer.NormalizeEmail(email?.Trim() ?? "");
        var user = string.IsNullOrEmpty(normalized) ? null
            : await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);

        if (user is null)
        {
            await SpendACheckAsync(password, cancellationToken);
            return (SignInOutcome.Refused, null);
        }

        if (!await CheckPasswordAsync(user, password, cancellationToken))
            return (SignInOutcome.Refused, null);

        return user.EmailConfirmed ? (SignInOutcome.Succeeded, user) : (SignInOutcome.NotVerified, user);
    }

    /// <summary>
    /// The account's own password, for a signed-in change of password or address: counted like a sign-in, so five
    /// wrong guesses lock the account; a locked account is refused without comparing.
    /// </summary>
    public async Task<bool> CheckPasswordAsync(PlatformUser user, string? password, CancellationToken cancellationToken)
    {
        password ??= "";
        var now = time.GetUtcNow();
        if (user.PasswordHash is null || user.LockoutEnd > now)
        {
            // A locked account does not even compare its password.
            await SpendACheckAsync(password, cancellationToken);
            return false;
        }

        var result = await passwordWork.RunAsync(() => hasher.VerifyHashedPassword(user, user.PasswordHash, password), cancellationToken);
        if (result == PasswordVerificationResult.Failed)
        {
            await RecordFailureAsync(user.Id, now, cancellationToken);
            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded || user.AccessFailedCount > 0)
        {
            // Upgrades a hash made with fewer iterations, and starts the failure count afresh.
            var upgraded = result == PasswordVerificationResult.SuccessRehashNeeded
                ? await passwordWork.RunAsync(() => hasher.HashPassword(user, password), cancellationToken)
                : user.PasswordHash;
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.AccessFailedCount, 0)
                .SetProperty(u => u.PasswordHash, upgraded), cancellationToken);
        }
        return true;
    }

    // Costs what a real check costs, so the time taken does not tell an unknown or locked account from a wrong password.
    private Task<PasswordVerificationResult> SpendACheckAsync(string password, CancellationToken cancellationToken) =>
        passwordWork.RunAsync(() => hasher.VerifyHashedPassword(dummy.User, dummy.Hash, password), cancellationToken);

    // One statement, so failures counted by two replicas at once are all counted.
    private Task RecordFailureAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var max = settings.Value.MaxFailedSignIns;
        DateTimeOffset? lockedUntil = now + settings.Value.LockoutDuration;
        return db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= max ? lockedUntil : u.LockoutEnd)
            .SetProperty(u => u.AccessFailedCount, u => u.AccessFailedCount + 1 >= max ? 0 : u.AccessFailedCount + 1), cancellationToken);
    }
}
