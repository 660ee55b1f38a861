using CustomerPlatform.Contracts.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>The emails a ticket sends its requester through Notifications, each with an id that makes it go out once.</summary>
public sealed class TicketEmails(IOptions<TicketingOptions> options, IOptions<InboundEmailOptions> inbound, IConfiguration configuration)
{
    /// <summary>How many earlier emails of a thread a reply names in References (the newest).</summary>
    private const int MaxReferences = 20;

    /// <summary>Notifications' limit for the quoted reply.</summary>
    private const int MaxExcerptLength = 1000;

    /// <summary>
    /// The <c>ticket-replied</c> email. Its NotificationId is the reply's message id (so its Message-ID names the
    /// message, and the customer's answer finds the ticket); its subject carries the ticket's number.
    /// </summary>
    public SendEmail Reply(Ticket ticket, TicketMessage reply, string replyAuthor, EmailThreading? threading = null) => new()
    {
        NotificationId = reply.Id,
        CustomerId = ticket.CustomerId,
        To = ticket.CustomerEmail!,
        RecipientName = ticket.CustomerName,
        Template = EmailTemplates.TicketReplied,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = DisplayName(ticket),
            ["ticketSubject"] = EmailText.OneLine(ticket.Subject),
            ["ticketNumber"] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["replyAuthor"] = EmailText.OneLine(replyAuthor),
            ["replyExcerpt"] = EmailText.Paragraph(reply.Body, Math.Clamp(options.Value.ReplyExcerptLength, 1, MaxExcerptLength)),
            ["ticketLink"] = TicketLink(ticket),
        },
        Threading = threading,
    };

    /// <summary>
    /// The headers that put a reply in the customer's conversation: it answers their latest email, and
    /// references the emails of the thread so far (theirs by Message-ID, ours by notification), newest kept;
    /// answers go to the support address when the email channel has one.
    /// </summary>
    public async Task<EmailThreading> ThreadingAsync(TicketingDbContext db, Guid ticketId, Guid replyId, CancellationToken cancellationToken)
    {
        var thread = await db.Messages.AsNoTracking()
            .Where(m => m.TicketId == ticketId && m.Id != replyId && (m.EmailMessageId != null || (m.AuthorRole == AuthorRoles.Staff && !m.Internal)))
            .OrderByDescending(m => m.CreatedAt)
            .Take(MaxReferences)
            .Select(m => new { m.Id, m.EmailMessageId })
            .ToListAsync(cancellationToken);
        thread.Reverse();
        return new EmailThreading
        {
            InReplyTo = thread.LastOrDefault(m => m.EmailMessageId is not null)?.EmailMessageId,
            References = [.. thread.Select(m => m.EmailMessageId).OfType<string>()],
            ReferencedNotifications = [.. thread.Where(m => m.EmailMessageId is null).Select(m => m.Id)],
            ReplyTo = inbound.Value.Address,
        };
    }

    /// <summary>The <c>ticket-satisfaction</c> email, once per ticket: its NotificationId comes from the ticket.</summary>
    public SendEmail Satisfaction(Ticket ticket) => new()
    {
        NotificationId = NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"{EmailTemplates.TicketSatisfaction}/{ticket.Id}"),
        CustomerId = ticket.CustomerId,
        To = ticket.CustomerEmail!,
        RecipientName = ticket.CustomerName,
        Template = EmailTemplates.TicketSatisfaction,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = DisplayName(ticket),
            ["ticketSubject"] = EmailText.OneLine(ticket.Subject),
            ["ratingLink"] = TicketLink(ticket) + "#satisfaction",
        },
    };

    /// <summary>The <c>chat-missed</c> email, once per chat: its NotificationId comes from the chat (its ticket).</summary>
    public SendEmail ChatMissed(Ticket ticket) => new()
    {
        NotificationId = NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"{EmailTemplates.ChatMissed}/{ticket.Id}"),
        CustomerId = ticket.CustomerId,
        To = ticket.CustomerEmail!,
        RecipientName = ticket.CustomerName,
        Template = EmailTemplates.ChatMissed,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = DisplayName(ticket),
            ["ticketNumber"] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ticketLink"] = TicketLink(ticket),
        },
    };

    /// <summary>The <c>unhappy-customer</c> email to the customer's CSM, once per message.</summary>
    public SendEmail Unhappy(Ticket ticket, Guid messageId, string body, Guid managerId, string managerName, string managerEmail) => new()
    {
        NotificationId = NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"{EmailTemplates.UnhappyCustomer}/{messageId}"),
        CustomerId = managerId,
        To = managerEmail,
        RecipientName = managerName,
        Template = EmailTemplates.UnhappyCustomer,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = EmailText.OneLine(managerName),
            ["customerName"] = EmailText.OneLine(ticket.CustomerName ?? ticket.CustomerEmail ?? "A customer"),
            ["ticketSubject"] = EmailText.OneLine(ticket.Subject),
            ["ticketNumber"] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["messageExcerpt"] = EmailText.Paragraph(body, Math.Clamp(options.Value.ReplyExcerptLength, 1, MaxExcerptLength)),
            ["ticketLink"] = TicketLink(ticket),
        },
    };

    /// <summary>The <c>sla-alert</c> email to one staff member, once per timer (metric, version and kind) and recipient.</summary>
    public SendEmail SlaAlert(Ticket ticket, StaffMember recipient, string metric, int version, string kind, DateTimeOffset dueAt) => new()
    {
        NotificationId = NotificationIds.NameBased(ResourceNames.Services.Ticketing, $"{EmailTemplates.SlaAlert}/{ticket.Id}/{metric}/{version}/{kind}/{recipient.Id}"),
        CustomerId = recipient.Id,
        To = recipient.Email,
        RecipientName = recipient.DisplayName,
        Template = EmailTemplates.SlaAlert,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = EmailText.OneLine(recipient.DisplayName),
            ["alert"] = (kind == SlaTimerDue.Breach ? "missed its " : "has used 75 % of its ") + metric.Replace('-', ' ') + " target",
            ["ticketSubject"] = EmailText.OneLine(ticket.Subject),
            ["ticketNumber"] = ticket.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["priority"] = ticket.Priority,
            ["dueAt"] = dueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["ticketLink"] = TicketLink(ticket),
        },
    };

    private static string DisplayName(Ticket ticket) => EmailText.OneLine(ticket.CustomerName ?? "there");

    private string TicketLink(Ticket ticket) => AppUrl() + options.Value.TicketPath.Replace("{ticketId}", ticket.Id.ToString());

    /// <summary>The app's origin for links in emails: configured, else the token issuer (the gateway's origin).</summary>
    public string AppUrl() =>
        (options.Value.AppUrl?.ToString() ?? configuration[AuthenticationExtensions.IssuerKey] ?? "http://localhost:8080").TrimEnd('/');
}
