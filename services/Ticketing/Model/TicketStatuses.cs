namespace CustomerPlatform.Ticketing;

/// <summary>A ticket's life, as Zendesk and Zammad users know it.</summary>
public static class TicketStatuses
{
    /// <summary>Nobody has taken it yet: it waits in a queue.</summary>
    public const string New = "new";

    /// <summary>Waiting on staff: someone owns it, or the customer wrote last.</summary>
    public const string Open = "open";

    /// <summary>Waiting on the customer: staff replied last (the SLA clock is paused).</summary>
    public const string Pending = "pending";

    /// <summary>Waiting on a third party (a carrier, a supplier).</summary>
    public const string OnHold = "on-hold";

    /// <summary>Done; the customer's next message re-opens it, until it is closed.</summary>
    public const string Solved = "solved";

    /// <summary>Solved for <see cref="TicketingOptions.ClosedAfter"/>: read-only; a later message from the customer opens a follow-up.</summary>
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [New, Open, Pending, OnHold, Solved, Closed];

    /// <summary>What staff may set by hand: <see cref="New"/> is only where a ticket starts and <see cref="Closed"/> only where time takes it.</summary>
    public static readonly IReadOnlyList<string> Settable = [Open, Pending, OnHold, Solved];

    /// <summary>Still to be worked: neither solved nor closed.</summary>
    public static bool IsUnsolved(string status) => status is not (Solved or Closed);
}
