namespace CustomerPlatform.Ticketing;

/// <summary>
/// One page of a ticket list, newest first, with the total the filters match, counted up to <see cref="TotalCap"/>:
/// past it <paramref name="TotalCapped"/> is true and the list is "10,000+" long (counting a whole queue exactly
/// took longer than finding its page).
/// </summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Page, int PageSize, int Total, bool TotalCapped)
{
    public const int TotalCap = 10_000;
}
