namespace CustomerPlatform.Identity;

public sealed record VerifyEmailRequest(string? Token);
