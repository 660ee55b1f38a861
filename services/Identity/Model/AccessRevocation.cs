namespace CustomerPlatform.Identity;

/// <summary>
/// Every access token of <see cref="UserId"/> issued before <see cref="RevokedAt"/> is void: written in
/// the transaction of the change that ends the account's sessions (password changed or reset, address
/// changed, staff account disabled) and read by every service and the gateway within a second.
/// </summary>
public sealed class AccessRevocation
{
    public long Id { get; set; }
    public Guid UserId { get; set; }
    public DateTimeOffset RevokedAt { get; set; }
}
