namespace CustomerPlatform.Ticketing;

public sealed record PostMessageRequest(string? Body);
