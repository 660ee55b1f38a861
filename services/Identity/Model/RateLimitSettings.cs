namespace CustomerPlatform.Identity;

/// <summary>
/// <c>Identity:RateLimits:&lt;policy&gt;</c>: attempts allowed per client address and per email
/// address in one fixed window. Tests set small limits; the defaults suit a public deployment.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Identity:RateLimits";

    public RateLimitRule SignUp { get; set; } = new() { PerIp = 20, PerEmail = 5, Window = TimeSpan.FromHours(1) };
    public RateLimitRule SignIn { get; set; } = new() { PerIp = 300, PerEmail = 20, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule ResendVerification { get; set; } = new() { PerIp = 20, PerEmail = 5, Window = TimeSpan.FromHours(1) };
    public RateLimitRule ForgotPassword { get; set; } = new() { PerIp = 20, PerEmail = 5, Window = TimeSpan.FromHours(1) };

    /// <summary>A signed-in change of password or address (each asks for the current password).</summary>
    public RateLimitRule AccountChange { get; set; } = new() { PerIp = 20, PerEmail = 10, Window = TimeSpan.FromHours(1) };
}
