using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Notifications.Email;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications.Consumers;

/// <summary>
/// One delivery attempt of a notification its caller holds in the consumer outbox's transaction (just
/// recorded by <see cref="SendEmailConsumer"/>, or locked by <see cref="DeliverEmailConsumer"/>): hand the
/// email to the SMTP server, then mark it sent and publish <see cref="EmailDelivered"/>, which commit
/// together. A failure schedules the next attempt (a <see cref="DeliverEmail"/>) through the durable
/// scheduler, committed with the attempt count, until the intervals run out; then the notification is
/// failed and <see cref="EmailFailed"/> published.
/// </summary>
public sealed class EmailDelivery(
    SmtpEmailSender sender,
    OutgoingEmail outgoing,
    IEndpointNameFormatter endpointNames,
    IOptions<NotificationsOptions> options,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<EmailDelivery> logger)
{
    /// <summary>The queue of the later attempts.</summary>
    public Uri Deliveries { get; } = new($"queue:{endpointNames.Consumer<DeliverEmailConsumer>()}");

    public async Task AttemptAsync(ConsumeContext context, Notification notification, int attempt)
    {
        notification.Attempts = attempt;
        try
        {
            await sender.SendAsync(outgoing.Build(notification), context.CancellationToken);
        }
        catch (Exception exception) when (SmtpFailure.IsSmtp(exception))
        {
            await HandleFailureAsync(context, notification, exception);
            return;
        }

        notification.MarkSent(time.GetUtcNow());
        metrics.Finished(notification);
        logger.LogInformation("Notification {NotificationId} ({Template}) sent to the SMTP server on attempt {Attempt}",
            notification.Id, notification.Template, notification.Attempts);
        await context.Publish(notification.ToDelivered());
    }

    private async Task HandleFailureAsync(ConsumeContext context, Notification notification, Exception exception)
    {
        var error = SmtpFailure.Describe(exception);
        metrics.AttemptFailed(notification);
        var intervals = options.Value.EffectiveRetryIntervals;
        if (SmtpFailure.IsPermanent(exception) || notification.Attempts > intervals.Count)
        {
            var code = SmtpFailure.IsPermanent(exception) ? EmailFailureReasons.Rejected : EmailFailureReasons.RetriesExhausted;
            notification.MarkFailed(NotificationStatus.Failed, $"{code}: {error}", time.GetUtcNow());
            metrics.Finished(notification);
            logger.LogError("Notification {NotificationId} ({Template}) failed after {Attempts} attempts: {Error}",
                notification.Id, notification.Template, notification.Attempts, error);
            await context.Publish(notification.ToFailed());
            return;
        }

        var delay = intervals[notification.Attempts - 1];
        notification.LastError = error;
        notification.NextAttemptAt = time.GetUtcNow() + delay;
        logger.LogWarning("Delivery attempt {Attempt} of {NotificationId} failed ({Error}); next attempt in {Delay}",
            notification.Attempts, notification.Id, error, delay);
        await context.ScheduleSend(Deliveries, delay, new DeliverEmail(notification.Id, notification.Attempts + 1));
    }
}
