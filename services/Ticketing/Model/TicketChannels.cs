namespace CustomerPlatform.Ticketing;

/// <summary>Where a ticket came from.</summary>
public static class TicketChannels
{
    /// <summary>The app's contact form, and the journey's questions and help requests.</summary>
    public const string Web = "web";
    public const string Email = "email";
    public const string Chat = "chat";

    /// <summary>An agent logged a call.</summary>
    public const string Phone = "phone";

    /// <summary>Reviews, social mentions and survey comments from outside.</summary>
    public const string Feedback = "feedback";

    public static readonly IReadOnlyList<string> All = [Web, Email, Chat, Phone, Feedback];
}
