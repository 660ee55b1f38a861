using Microsoft.EntityFrameworkCore;
using MassTransit;

namespace CustomerPlatform.Notifications.Consumers;

/// <summary>
/// A later delivery attempt (the first is made by <see cref="SendEmailConsumer"/>), inside the consumer
/// outbox's transaction: lock the notification's row, skip it if it is no longer queued (or this
/// attempt already happened), then make the attempt (<see cref="EmailDelivery"/>).
/// </summary>
public sealed class DeliverEmailConsumer(
    NotificationsDbContext db,
    EmailDelivery delivery,
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

        await delivery.AttemptAsync(context, notification, command.Attempt);
    }
}
