namespace CustomerPlatform.Ticketing;

/// <summary>The <c>Ticketing</c> configuration section.</summary>
public sealed class TicketingOptions
{
    public const string Section = "Ticketing";

    /// <summary>The app's public origin, for the link in the reply email. Unset: the token issuer (the gateway's origin).</summary>
    public Uri? AppUrl { get; set; }

    /// <summary>The app's page of one ticket; <c>{ticketId}</c> is replaced.</summary>
    public string TicketPath { get; set; } = "/support/tickets/{ticketId}";

    /// <summary>How much of a reply the email quotes.</summary>
    public int ReplyExcerptLength { get; set; } = 500;

    /// <summary>How long a solved ticket stays solved (the customer's reply re-opens it) before it is closed, read-only (Zendesk's default: 4 days).</summary>
    public TimeSpan ClosedAfter { get; set; } = TimeSpan.FromDays(4);
}
