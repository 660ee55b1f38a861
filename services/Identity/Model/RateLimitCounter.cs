namespace CustomerPlatform.Identity;

/// <summary>
/// How many attempts one key (a policy with a client address or an email hash) made in one fixed
/// window. Kept in identitydb so every replica counts against the same limit.
/// </summary>
public sealed class RateLimitCounter
{
    public string Key { get; set; } = "";
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
}
