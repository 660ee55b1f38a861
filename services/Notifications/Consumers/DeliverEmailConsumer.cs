using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Notifications.Email;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Notifications.Consumers;

/// <summary>
/// One delivery attempt, inside the consumer outbox's transaction: lock the notification's row, skip
/// it if it is no longer queued (or this attempt already happened), hand the email to the SMTP
/// server, then mark it sent and publish <see cref="EmailDelivered"/>, which commit together. A
/// failure schedules the next attempt through the durable scheduler (committed with the attempt
/// count) until the intervals run out, then marks the notification failed and publishes <see cref="EmailFailed"/>.
/// </summary>
public sealed class DeliverEmailConsumer(
    NotificationsDbContext db,
    SmtpEmailSender sender,
    OutgoingEmail outgoing,
    IOptions<NotificationsOptions> options,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<DeliverEmailConsumer> logger) : IConsumer<DeliverEmail>
{
    private const string LockSql = $"SELECT * FROM {NotificationsDbContext.NotificationsTable} WHERE id = {{0}} FOR UPDATE";

    public async Task Consume(ConsumeContext<DeliverEmail> context)
    {
        var command = context.Message;
        var notification = await db.Notifications.FromSqlRaw(LockSql, command.NotificationId).SingleOrDefaultAsync(context.CancellationToken);
        if (notification is null)
        {
            logger.LogWarning("Delivery of unknown notification {NotificationId} skipped", command.NotificationId);
            return;
        }

        if (notification.IsFinal || notification.Attempts != command.Attempt - 1)
        {
            logger.LogDebug("Delivery attempt {Attempt} of {NotificationId} skipped: it is {Status} after {Attempts} attempts",
                command.Attempt, notification.Id, notification.Status, notification.Attempts);
            return;
        }

        notification.Attempts = command.Attempt;
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

    private async Task HandleFailureAsync(ConsumeContext<DeliverEmail> context, Notification notification, Exception exception)
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
        await context.ScheduleSend(context.ReceiveContext.InputAddress, delay, new DeliverEmail(notification.Id, notification.Attempts + 1));
    }
}
