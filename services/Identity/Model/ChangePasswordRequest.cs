namespace CustomerPlatform.Identity;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
