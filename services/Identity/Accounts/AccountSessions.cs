using OpenIddict.Abstractions;

namespace CustomerPlatform.Identity;

/// <summary>
/// Ends an account's sessions after a change of password or address, or when a staff account is
/// disabled, in the caller's transaction: every refresh token and authorization of the account is
/// revoked, and an <see cref="AccessRevocation"/> voids the access tokens issued before now, which every
/// service and the gateway read within a second (ADR-015).
/// </summary>
public sealed class AccountSessions(IOpenIddictTokenManager tokenManager, IOpenIddictAuthorizationManager authorizationManager, IdentityDbContext db, TimeProvider time)
{
    public async Task RevokeAllAsync(PlatformUser user, CancellationToken cancellationToken)
    {
        var subject = user.Id.ToString();
        await tokenManager.RevokeBySubjectAsync(subject, cancellationToken);
        await authorizationManager.RevokeBySubjectAsync(subject, cancellationToken);
        db.AccessRevocations.Add(new AccessRevocation { UserId = user.Id, RevokedAt = time.GetUtcNow() });
    }
}
