using System.Text;
using CustomerPlatform.Contracts.Notifications;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Ticketing;

/// <summary>
/// The <c>ticket-replied</c> email to the requester. Its NotificationId is the reply's message id,
/// so however often it is asked for, Notifications sends it once.
/// </summary>
public sealed class ReplyEmail(IOptions<TicketingOptions> options, IConfiguration configuration)
{
    /// <summary>Notifications' limit for a one-line variable.</summary>
    private const int MaxTextLength = 200;

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
                ["displayName"] = OneLine(ticket.CustomerName ?? "there", MaxTextLength),
                ["ticketSubject"] = OneLine(ticket.Subject, MaxTextLength),
                ["replyAuthor"] = OneLine(replyAuthor, MaxTextLength),
                ["replyExcerpt"] = Excerpt(reply.Body, Math.Clamp(settings.ReplyExcerptLength, 1, MaxExcerptLength)),
                ["ticketLink"] = appUrl + settings.TicketPath.Replace("{ticketId}", ticket.Id.ToString()),
            },
        };
    }

    // Notifications refuses control characters in a one-line value, and values over its limits.
    private static string OneLine(string value, int max) =>
        Shorten(new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim(), max);

    private static string Excerpt(string body, int max) =>
        Shorten(new string(body.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t').ToArray()).Trim(), max);

    private static string Shorten(string value, int max)
    {
        if (value.Length <= max)
            return value;
        var cut = value[..(max - 1)];
        // Never split a surrogate pair (an emoji) in half.
        if (char.IsHighSurrogate(cut[^1]))
            cut = cut[..^1];
        return new StringBuilder(cut.TrimEnd()).Append('…').ToString();
    }
}
