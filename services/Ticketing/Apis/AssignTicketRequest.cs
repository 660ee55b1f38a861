namespace CustomerPlatform.Ticketing;

public sealed record AssignTicketRequest(Guid? AssigneeId);
