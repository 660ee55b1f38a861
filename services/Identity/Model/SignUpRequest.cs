namespace CustomerPlatform.Identity;

public sealed record SignUpRequest(string? Email, string? Password, string? DisplayName);
