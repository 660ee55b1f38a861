namespace CustomerPlatform.Customers;

/// <summary>The audit of a profile: one row per field changed, by whom and from what to what (values as text).</summary>
public sealed class ProfileChange
{
    public required Guid Id { get; init; }
    public required Guid CustomerId { get; init; }
    public required DateTimeOffset At { get; init; }
    public required string Field { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    /// <summary>The staff member; none when the customer's own onboarding details made the change.</summary>
    public Guid? ChangedBy { get; init; }
    public required string ChangedByName { get; init; }

    public ProfileChangeView ToView() => new(Id, At, Field, OldValue, NewValue, ChangedBy, ChangedByName);
}
