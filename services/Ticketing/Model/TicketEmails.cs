using CustomerPlatform.Contracts.Notifications;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>The emails a ticket sends its requester through Notifications, each with an id that makes it go out once.</summary>
public sealed class TicketEmails(IOptions<TicketingOptions> options, IConfiguration configuration)
{
    /// <summary>Notifications' limit for the quoted reply.</summary>
    private const int MaxExcerptLength = 1000;

    /// <summary>The <c>ticket-replied</c> email. Its NotificationId is the reply's message id.</summary>
    public SendEmail Reply(Ticket ticket, TicketMessage reply, string replyAuthor) => new()
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
            ["replyAuthor"] = EmailText.OneLine(replyAuthor),
            ["replyExcerpt"] = EmailText.Paragraph(reply.Body, Math.Clamp(options.Value.ReplyExcerptLength, 1, MaxExcerptLength)),
            ["ticketLink"] = TicketLink(ticket),
        },
    };

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

    private static string DisplayName(Ticket ticket) => EmailText.OneLine(ticket.CustomerName ?? "there");

    private string TicketLink(Ticket ticket)
    {
        var settings = options.Value;
        var appUrl = (settings.AppUrl?.ToString() ?? configuration[AuthenticationExtensions.IssuerKey] ?? "http://localhost:8080").TrimEnd('/');
        return appUrl + settings.TicketPath.Replace("{ticketId}", ticket.Id.ToString());
    }
}
