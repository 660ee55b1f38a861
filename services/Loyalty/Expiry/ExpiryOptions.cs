using System.ComponentModel.DataAnnotations;

namespace CustomerPlatform.Loyalty.Expiry;

/// <summary>
/// <c>Loyalty:Expiry</c> (ADR-036): confirmed points expire <see cref="After"/> they entered the balance, oldest first; the
/// member is told once, <see cref="WarnBefore"/> a lot expires; the sweep that expires lots, warns, and gives unused expired
/// reward codes their points back runs every <see cref="SweepEvery"/> in every replica, <see cref="BatchSize"/> members or
/// codes at a time.
/// </summary>
public sealed class ExpiryOptions : IValidatableObject
{
    public const string Section = "Loyalty:Expiry";

    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan After { get; set; } = TimeSpan.FromDays(365);

    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan WarnBefore { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (WarnBefore >= After)
            yield return new ValidationResult($"{Section}:{nameof(WarnBefore)} must be shorter than {nameof(After)}.", [nameof(WarnBefore)]);
    }
}
