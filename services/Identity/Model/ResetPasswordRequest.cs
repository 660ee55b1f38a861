namespace CustomerPlatform.Identity;

public sealed record ResetPasswordRequest(string? Token, string? NewPassword);
