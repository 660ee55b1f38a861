namespace CustomerPlatform.Ticketing;

/// <summary>One page of a ticket list, newest first, with the total the filters match.</summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Page, int PageSize, int Total);
