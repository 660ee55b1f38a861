using OpenIddict.Abstractions;

namespace CustomerPlatform.Identity;

/// <summary>
/// Ends an account's sessions after a change of password or address: every refresh token and authorization of
/// the account is revoked, in the caller's transaction. Access tokens live out their (short) lifetime.
/// </summary>
public sealed class AccountSessions(IOpenIddictTokenManager tokenManager, IOpenIddictAuthorizationManager authorizationManager)
{
    public async Task RevokeAllAsync(PlatformUser user, CancellationToken cancellationToken)
    {
        var subject = user.Id.ToString();
        await tokenManager.RevokeBySubjectAsync(subject, cancellationToken);
        await authorizationManager.RevokeBySubjectAsync(subject, cancellationToken);
    }
}
