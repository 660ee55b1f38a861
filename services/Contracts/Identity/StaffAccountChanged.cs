namespace CustomerPlatform.Contracts.Identity;

/// <summary>
/// A staff account (a role among <see cref="Roles.Staff"/>) was created or changed. Identity publishes it
/// through the bus outbox whenever it creates or changes staff, and again for every staff account
/// at start, so a service that keeps a directory of staff (Onboarding's CSMs, Ticketing's assignees)
/// converges by upserting on <see cref="StaffId"/>, whatever it missed.
/// </summary>
public record StaffAccountChanged
{
    public required Guid StaffId { get; init; }
    public required string Email { get; init; }
    public required string DisplayName { get; init; }
    public required IReadOnlyList<string> Roles { get; init; }

    /// <summary>False when the account is locked out for good or lost its staff roles.</summary>
    public required bool Active { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
