namespace CustomerPlatform.Contracts.Customers.Views;

/// <summary>One entry of a customer's timeline.</summary>
public sealed record TimelineEntryView(Guid Id, DateTimeOffset At, string Kind, string Source, string Text, string? Link, Guid? AuthorId);

/// <summary>A page of a timeline, newest first; <see cref="Next"/> asks for the page after it (<c>?before=</c>), none at the end.</summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntryView> Entries, string? Next);

/// <summary><c>POST /api/customers/{customerId}/notes</c>: a staff note, or a logged call or meeting.</summary>
public sealed record NoteRequest(string? Kind, string? Text, int? DurationMinutes);

/// <summary>
/// The staff's view of one customer: who they are and how to reach them, their orders, the latest of their timeline,
/// what to offer them, and the latest changes to their details.
/// </summary>
public sealed record Customer360View(
    CustomerProfileView Profile, CustomerDetailsView Details, IReadOnlyList<OrderView> Orders, TimelinePage Timeline,
    IReadOnlyList<RecommendationView> Suggestions, IReadOnlyList<ProfileChangeView> Changes);

/// <summary>One customer found by <c>GET /api/customers?q=</c>.</summary>
public sealed record CustomerSummary(Guid CustomerId, string DisplayName, string Email, string? Company, DateTimeOffset? SignedUpAt);

/// <summary>A page of search results, best match first; <see cref="Total"/> counts every match.</summary>
public sealed record CustomerSearchPage(IReadOnlyList<CustomerSummary> Items, int Page, int PageSize, int Total);
