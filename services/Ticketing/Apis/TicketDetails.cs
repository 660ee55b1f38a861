namespace CustomerPlatform.Ticketing;

/// <summary>
/// One ticket with its thread, oldest message first (staff's internal notes only for staff), and the
/// customer's rating: <see cref="SatisfactionAsked"/> once it was asked for, <see cref="Satisfaction"/> once given.
/// <see cref="Queue"/> is where it waits while nobody owns it; <see cref="HomeQueue"/> (staff only) the queue routing chose,
/// kept once someone owns it; <see cref="SlaPolicy"/> (staff only) the name of the SLA policy it counts under.
/// </summary>
public sealed record TicketDetails(
    Guid TicketId, long Number, Guid CustomerId, string? CustomerName, Guid? AssigneeId, string? Queue, string Kind, string Subject, string Status,
    string Priority, string Channel, IReadOnlyList<string> Tags, string? OrderId, Guid? FollowUpOf,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SolvedAt, DateTimeOffset? ClosedAt,
    bool SatisfactionAsked, SatisfactionView? Satisfaction, IReadOnlyList<TicketMessageView> Messages, IReadOnlyList<SlaView>? Sla = null, Guid? MergedInto = null,
    string? HomeQueue = null, string? SlaPolicy = null);

/// <summary>One SLA target of the ticket, for staff: active, paused, warning, breached, achieved or missed.</summary>
public sealed record SlaView(string Metric, TimeSpan Target, string Status, DateTimeOffset? DueAt, DateTimeOffset? FulfilledAt);

public sealed record SatisfactionView(int Score, string? Comment, DateTimeOffset RatedAt);
