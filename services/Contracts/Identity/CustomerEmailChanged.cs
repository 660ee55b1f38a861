namespace CustomerPlatform.Contracts.Identity;

/// <summary>
/// A customer confirmed a new address (the link sent to it was redeemed): from now on their email goes
/// to <see cref="NewEmail"/>. Services that keep a copy of the address replace it. Published with the user
/// row's change, through the bus outbox; <see cref="ChangedAt"/> orders two changes that race.
/// </summary>
public record CustomerEmailChanged
{
    public required Guid CustomerId { get; init; }
    public required string OldEmail { get; init; }
    public required string NewEmail { get; init; }
    public required DateTimeOffset ChangedAt { get; init; }
}
