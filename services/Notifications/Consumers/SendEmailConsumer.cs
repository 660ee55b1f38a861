using CustomerPlatform.Notifications.Email;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Notifications.Templates;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Notifications.Consumers;

/// <summary>
/// Accepts a request to email: records the notification (delivery log and inbox) and, when it may be
/// sent, makes its first delivery attempt (<see cref="EmailDelivery"/>), all in the consumer outbox's
/// transaction. A copy of the request finds the row and sends nothing; the one window left is the
/// delivery's own (the SMTP server took the email, the commit was lost: ADR-007).
/// </summary>
public sealed class SendEmailConsumer(
    NotificationsDbContext db,
    EmailComposer composer,
    EmailDelivery delivery,
    OutgoingEmail outgoing,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<SendEmailConsumer> logger) : IConsumer<SendEmail>
{
    /// <summary>Held until the consumer outbox's transaction ends.</summary>
    private const string RequestLockSql = "SELECT pg_advisory_xact_lock({0})";

    public async Task Consume(ConsumeContext<SendEmail> context)
    {
        var request = context.Message;
        if (request.NotificationId == Guid.Empty)
        {
            logger.LogError("A SendEmail for template {Template} has no NotificationId (the idempotency key); it is refused", request.Template);
            await context.Publish(Unrecorded(request, $"{EmailFailureReasons.InvalidRequest}: the request has no NotificationId"));
            return;
        }

        // A repeated request (a new message with the same NotificationId) finds the first one's row. Copies
        // racing each other wait here for the first to commit (the primary key would stop a second row
        // anyway, but as an error and a retry).
        await db.Database.ExecuteSqlRawAsync(RequestLockSql, [RequestLockKey(request.NotificationId)], context.CancellationToken);
        if (await db.Notifications.AnyAsync(n => n.Id == request.NotificationId, context.CancellationToken))
        {
            logger.LogInformation("Notification {NotificationId} was already requested; the repeated request is ignored", request.NotificationId);
            return;
        }

        var template = EmailTemplateCatalog.Find(request.Template);
        var sensitive = request.SensitiveVariables ?? [];
        var notification = new Notification
        {
            Id = request.NotificationId,
            CustomerId = request.CustomerId,
            CorrelationId = request.CorrelationId,
            Template = Truncate(request.Template, 100),
            Category = template?.Category ?? "unknown",
            Recipient = Truncate(request.To ?? "", EmailComposer.MaxAddressLength),
            RecipientName = request.RecipientName,
            CreatedAt = time.GetUtcNow(),
            Variables = (request.Variables ?? new Dictionary<string, string>())
                .Where(v => !sensitive.Contains(v.Key))
                .ToDictionary(v => v.Key, v => v.Value),
            SensitiveVariables = [.. sensitive],
            InReplyTo = EmailThreadHeaders.MessageId(request.Threading?.InReplyTo),
            References = EmailThreadHeaders.MessageIds(
                (request.Threading?.References ?? []).Concat((request.Threading?.ReferencedNotifications ?? []).Select(outgoing.MessageId))),
            ReplyTo = EmailThreadHeaders.Address(request.Threading?.ReplyTo),
        };
        db.Notifications.Add(notification);

        var composed = composer.Compose(request, template);
        if (composed.Email is not { } email)
        {
            await FailAsync(context, notification, NotificationStatus.Failed, $"{EmailFailureReasons.InvalidRequest}: {composed.Error}");
            return;
        }

        notification.Subject = email.Subject;
        notification.InboxText = email.InboxText;
        var category = NotificationCategories.Find(template!.Category)!;
        if (!await db.EmailAllowedAsync(request.CustomerId, category, context.CancellationToken))
        {
            await FailAsync(context, notification, NotificationStatus.Suppressed,
                $"{EmailFailureReasons.OptedOut}: the customer turned off {category.Name} emails");
            return;
        }

        notification.HtmlBody = email.Html;
        notification.TextBody = email.Text;
        await delivery.AttemptAsync(context, notification, attempt: 1);
    }

    private static long RequestLockKey(Guid notificationId) => BitConverter.ToInt64(notificationId.ToByteArray(), 0);

    private async Task FailAsync(ConsumeContext context, Notification notification, string status, string reason)
    {
        notification.MarkFailed(status, reason, time.GetUtcNow());
        metrics.Finished(notification);
        logger.LogWarning("Notification {NotificationId} ({Template}) is not sent: {Reason}", notification.Id, notification.Template, reason);
        await context.Publish(notification.ToFailed());
    }

    /// <summary>The failure of a request that has no row to record it in.</summary>
    private EmailFailed Unrecorded(SendEmail request, string reason) => new()
    {
        NotificationId = request.NotificationId,
        CustomerId = request.CustomerId,
        Template = request.Template,
        To = request.To,
        CorrelationId = request.CorrelationId,
        Reason = reason,
        Attempts = 0,
        FailedAt = time.GetUtcNow(),
    };

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
