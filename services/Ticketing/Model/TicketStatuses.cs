namespace CustomerPlatform.Ticketing;

public static class TicketStatuses
{
    /// <summary>Waiting on staff: new, or the customer wrote last.</summary>
    public const string Open = "open";

    /// <summary>Waiting on the customer: staff replied last.</summary>
    public const string Pending = "pending";

    /// <summary>Done; any new message re-opens it.</summary>
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, Pending, Resolved];
}
