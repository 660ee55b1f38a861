namespace CustomerPlatform.Identity;

public sealed record ChangeEmailRequest(string? NewEmail, string? Password);
