namespace CustomerPlatform.Contracts.Notifications;

/// <summary>
/// Notifications gave up on the email of a <see cref="SendEmail"/>: every retry failed, the
/// variables were invalid, or the customer opted out of its category (<see cref="Reason"/> says which).
/// </summary>
public record EmailFailed
{
    public required Guid NotificationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Template { get; init; }
    public required string To { get; init; }
    public Guid? CorrelationId { get; init; }
    public required string Reason { get; init; }
    public required int Attempts { get; init; }
    public required DateTimeOffset FailedAt { get; init; }
}
