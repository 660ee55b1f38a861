using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CustomerPlatform.Loyalty.Programme;

namespace CustomerPlatform.Loyalty.Rewards;

/// <summary>
/// The rewards catalogue (<c>Loyalty:Rewards:{rewardId}</c>): what a reward gives (<see cref="RewardKinds"/> and a value),
/// its cost in points, how long its code is valid, and optionally its stock and how many codes one customer may have.
/// </summary>
public sealed partial class RewardOptions : IValidatableObject
{
    public const string Section = "Loyalty";

    public const int MaxRewards = 200;

    public Dictionary<string, Reward> Rewards { get; set; } = [];

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RewardIdPattern();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => ValidateCatalogue(Rewards, "rewards");

    /// <summary>At most <see cref="MaxRewards"/> rewards, ids of 1 to 64 URL-safe characters, each reward's fields valid.</summary>
    public static IEnumerable<ValidationResult> ValidateCatalogue(IReadOnlyDictionary<string, Reward> rewards, string field)
    {
        if (rewards.Count > MaxRewards)
            yield return new ValidationResult($"The catalogue has at most {MaxRewards} rewards.", [field]);
        foreach (var (id, reward) in rewards)
        {
            var at = $"{field}.{id}";
            if (!RewardIdPattern().IsMatch(id))
                yield return new ValidationResult("A reward's id is 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'.", [at]);
            if (reward is null)
                yield return new ValidationResult("A reward is required here.", [at]);
            else
                foreach (var result in FieldErrors.Of(reward, at))
                    yield return result;
        }
    }

    public sealed class Reward : IValidatableObject
    {
        [Required, StringLength(200, MinimumLength = 1)]
        public string Name { get; set; } = "";

        [Required]
        public string Kind { get; set; } = RewardKinds.PercentDiscount;

        /// <summary>The percentage or the amount off; 0 for free shipping and early access.</summary>
        public decimal Value { get; set; }

        [Range(0, 10_000_000)]
        public long Cost { get; set; }

        [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
        public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(90);

        /// <summary>
        /// How many codes the reward may ever give (across programme versions, ADR-037): restocking raises it. Unset: no limit.
        /// </summary>
        [Range(0, 1_000_000_000)]
        public long? Stock { get; set; }

        /// <summary>How many codes of this reward one member may ever have. Unset: no limit.</summary>
        [Range(1, 10_000)]
        public int? LimitPerCustomer { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            var valid = Kind switch
            {
                RewardKinds.PercentDiscount => Value is > 0 and <= 100 ? null : "A percent discount's value is more than 0 and at most 100.",
                RewardKinds.FixedDiscount => Value is > 0 and <= 100_000 ? null : "A fixed discount's value is an amount more than 0 and at most 100000.",
                RewardKinds.FreeShipping or RewardKinds.EarlyAccess => Value == 0 ? null : $"A {Kind} reward's value is 0.",
                _ => null,
            };
            if (!RewardKinds.All.Contains(Kind))
                yield return new ValidationResult($"The kind is one of {string.Join(", ", RewardKinds.All)}.", [nameof(Kind)]);
            else if (valid is not null)
                yield return new ValidationResult(valid, [nameof(Value)]);
        }
    }
}

public static class RewardKinds
{
    public const string PercentDiscount = "percent-discount";
    public const string FixedDiscount = "fixed-discount";
    public const string FreeShipping = "free-shipping";
    public const string EarlyAccess = "early-access";

    public static readonly string[] All = [PercentDiscount, FixedDiscount, FreeShipping, EarlyAccess];
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

/// <summary>
/// How many codes a reward has given, ever (ADR-037): what its stock is measured against, whichever programme version set
/// it. Its row is also the lock that keeps two redemptions from taking the last one.
/// </summary>
public sealed class RewardStock
{
    public required string RewardId { get; set; }
    public long Issued { get; set; }
}
