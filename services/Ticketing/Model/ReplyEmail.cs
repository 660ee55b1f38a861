using CustomerPlatform.Contracts.Notifications;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The <c>ticket-replied</c> email to the requester. Its NotificationId is the reply's message id,
/// so however often it is asked for, Notifications sends it once.
/// </summary>
public sealed class ReplyEmail(IOptions<TicketingOptions> options, IConfiguration configuration)
{
    /// <summary>Notifications' limit for the quoted reply.</summary>
    private const int MaxExcerptLength = 1000;

    public SendEmail For(Ticket ticket, TicketMessage reply, string replyAuthor)
    {
        var settings = options.Value;
        var appUrl = (settings.AppUrl?.ToString() ?? configuration[AuthenticationExtensions.IssuerKey] ?? "http://localhost:8080").TrimEnd('/');
        return new SendEmail
        {
            NotificationId = reply.Id,
            CustomerId = ticket.CustomerId,
            To = ticket.CustomerEmail!,
            RecipientName = ticket.CustomerName,
            Template = EmailTemplates.TicketReplied,
            Variables = new Dictionary<string, string>
            {
                ["displayName"] = EmailText.OneLine(ticket.CustomerName ?? "there"),
                ["ticketSubject"] = EmailText.OneLine(ticket.Subject),
                ["replyAuthor"] = EmailText.OneLine(replyAuthor),
                ["replyExcerpt"] = EmailText.Paragraph(reply.Body, Math.Clamp(settings.ReplyExcerptLength, 1, MaxExcerptLength)),
                ["ticketLink"] = appUrl + settings.TicketPath.Replace("{ticketId}", ticket.Id.ToString()),
            },
        };
    }
}
