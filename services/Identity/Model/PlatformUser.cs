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
}
