namespace CustomerPlatform.Contracts.Notifications;

/// <summary>The SMTP server accepted the email of a <see cref="SendEmail"/> (journey steps 2 and 8 wait on it).</summary>
public record EmailDelivered
{
    public required Guid NotificationId { get; init; }
    public required Guid CustomerId { get; init; }
    public required string Template { get; init; }
    public required string To { get; init; }
    public Guid? CorrelationId { get; init; }
    public required DateTimeOffset DeliveredAt { get; init; }
}
