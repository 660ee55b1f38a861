namespace CustomerPlatform.Identity;

public sealed class RateLimitRule
{
    public int PerIp { get; set; }
    public int PerEmail { get; set; }
    public TimeSpan Window { get; set; }
}
