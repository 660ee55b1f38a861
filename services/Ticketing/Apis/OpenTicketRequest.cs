namespace CustomerPlatform.Ticketing;

/// <summary>The customer's request (commerce.md): <c>{subject, body, orderId?, channel?}</c>.</summary>
public sealed record OpenTicketRequest(string? Subject, string? Body, string? OrderId, string? Channel);

/// <summary>Staff's changes to a ticket; what is absent stays as it is.</summary>
public sealed record UpdateTicketRequest(string? Status, string? Priority, IReadOnlyList<string>? Tags);

/// <summary>The customer's rating of a solved ticket (commerce.md): <c>{score: 1..5, comment?}</c>.</summary>
public sealed record SatisfactionRequest(int? Score, string? Comment);
