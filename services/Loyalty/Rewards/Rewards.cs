using System.Security.Cryptography;

namespace CustomerPlatform.Loyalty.Rewards;

/// <summary>
/// The rewards catalogue (<c>Loyalty:Rewards:{rewardId}</c>): what a reward gives (<see cref="RewardKinds"/> and a value),
/// its cost in points, and how long its code is valid.
/// </summary>
public sealed class RewardOptions
{
    public const string Section = "Loyalty";

    public Dictionary<string, Reward> Rewards { get; set; } = [];

    public sealed class Reward
    {
        public string Name { get; set; } = "";
        public string Kind { get; set; } = RewardKinds.PercentDiscount;
        /// <summary>The percentage or the amount off; 0 for free shipping and early access.</summary>
        public decimal Value { get; set; }
        public long Cost { get; set; }
        public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(90);
    }
}

public static class RewardKinds
{
    public const string PercentDiscount = "percent-discount";
    public const string FixedDiscount = "fixed-discount";
    public const string FreeShipping = "free-shipping";
    public const string EarlyAccess = "early-access";
}

/// <summary>A single-use code a redemption created: what it gives, until when, and the order it was used for.</summary>
public sealed class RewardCode
{
    public required string Code { get; set; }
    public Guid MemberId { get; set; }
    public required string RewardId { get; set; }
    public required string Kind { get; set; }
    public decimal Value { get; set; }
    public long Cost { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? UsedForOrderId { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    /// <summary>When the expiry sweep gave its cost back, the code having expired unused: it can never be used after that (ADR-036).</summary>
    public DateTimeOffset? ReturnedAt { get; set; }

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>12 characters of an alphabet without 0/O and 1/I, from the cryptographic generator (60 bits: not guessable).</summary>
    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, 12);
}
