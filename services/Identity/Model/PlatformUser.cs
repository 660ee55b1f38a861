using Microsoft.AspNetCore.Identity;

namespace CustomerPlatform.Identity;

/// <summary>
/// A customer or staff member. The id is the customer id every other service knows (the tokens'
/// <c>sub</c>); <see cref="IdentityUser{TKey}.EmailConfirmed"/> is "the address is verified".
/// </summary>
public sealed class PlatformUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A lockout until the end of time is ASP.NET Identity's "disabled".</summary>
    public bool Disabled => LockoutEnd == DateTimeOffset.MaxValue;

    /// <summary>A new password: the lockout after failed sign-ins is lifted (a disabled account stays disabled) and the security stamp changes.</summary>
    public void SetPassword(string passwordHash)
    {
        PasswordHash = passwordHash;
        SecurityStamp = Guid.NewGuid().ToString("N");
        ConcurrencyStamp = Guid.NewGuid().ToString();
        AccessFailedCount = 0;
        if (!Disabled)
            LockoutEnd = null;
    }

    /// <summary>A new, proven address, which is also the name the account signs in with.</summary>
    public void SetEmail(string email, string normalizedEmail)
    {
        Email = UserName = email;
        NormalizedEmail = NormalizedUserName = normalizedEmail;
        EmailConfirmed = true;
        SecurityStamp = Guid.NewGuid().ToString("N");
        ConcurrencyStamp = Guid.NewGuid().ToString();
    }
}
