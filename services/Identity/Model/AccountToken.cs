namespace CustomerPlatform.Identity;

/// <summary>
/// A single-use token sent by email (verification, password reset, a change of address). Only the SHA-256 of the token is
/// stored, so a copy of the database cannot be used to verify or take over an account. A token is
/// good until it is used, voided by a newer one of the same purpose, or expires.
/// </summary>
public sealed class AccountToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Purpose { get; set; } = "";
    public byte[] Hash { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }

    /// <summary>For <see cref="AccountTokenPurpose.ChangeEmail"/>: the address the link was sent to, which redeeming it makes the account's.</summary>
    public string? NewEmail { get; set; }

    /// <summary>PostgreSQL's xmin: two replicas redeeming the same token cannot both succeed.</summary>
    public uint Version { get; set; }

    public bool IsRedeemable(DateTimeOffset now) => UsedAt is null && VoidedAt is null && ExpiresAt > now;
}
