namespace CustomerPlatform.Notifications;

public sealed record CategoryChoice(string? Category, bool? Email);
