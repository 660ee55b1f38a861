namespace CustomerPlatform.Contracts.Onboarding;

public sealed record TicketCreated(Guid TicketId);
