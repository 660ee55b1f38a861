using Microsoft.Extensions.Options;
using MimeKit;

namespace CustomerPlatform.Notifications.Email;

/// <summary>Builds the MIME message of a queued notification.</summary>
public sealed class OutgoingEmail(IOptions<SmtpOptions> options)
{
    private readonly SmtpOptions _options = options.Value;

    public MimeMessage Build(Notification notification)
    {
        var message = new MimeMessage
        {
            Subject = notification.Subject ?? "",

            // The same notification always carries the same Message-ID, so if a crash between the
            // server's acceptance and our commit ever sends it twice, mail clients can tell it is one email.
            MessageId = MessageId(notification.Id),
            Date = notification.CreatedAt,
            Body = new BodyBuilder { HtmlBody = notification.HtmlBody, TextBody = notification.TextBody }.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress(_options.FromName ?? "", _options.FromAddress));
        message.To.Add(new MailboxAddress(notification.RecipientName ?? "", notification.Recipient));
        if (notification.ReplyTo is { } replyTo && MailboxAddress.TryParse(replyTo, out var replyAddress))
            message.ReplyTo.Add(replyAddress);
        if (notification.InReplyTo is { } inReplyTo)
            message.InReplyTo = inReplyTo;
        foreach (var reference in notification.References)
            message.References.Add(reference);

        // RFC 3834: automatic replies (out of office) should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Notification-Id", notification.Id.ToString());
        message.Headers.Add("X-Notification-Type", notification.Template);
        return message;
    }

    public string MessageId(Guid notificationId) => $"{notificationId:N}@{_options.MessageIdDomain ?? "customerplatform.invalid"}";
}
