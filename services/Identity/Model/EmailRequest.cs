namespace CustomerPlatform.Identity;

/// <summary>The body of resend-verification and forgot-password.</summary>
public sealed record EmailRequest(string? Email);
