namespace CustomerPlatform.Onboarding;

public sealed record TicketCreated(Guid TicketId);
