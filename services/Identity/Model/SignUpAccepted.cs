namespace CustomerPlatform.Identity;

/// <summary>The answer to every well-formed sign-up; for a known address the id is a fresh random one.</summary>
public sealed record SignUpAccepted(Guid CustomerId);
