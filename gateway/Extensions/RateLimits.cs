using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CustomerPlatform.Gateway;

/// <summary>
/// <c>Gateway:RateLimits</c>: how many requests to <c>/api</c> and <c>/connect</c> one client address and
/// one signed-in user may make per window. Identity's own limits (sign-up, sign-in, resets per address
/// and per email) stay behind these.
/// </summary>
public sealed class RateLimitSettings
{
    public const string Section = "Gateway:RateLimits";

    public WindowLimit PerAddress { get; set; } = new() { PermitLimit = 1200, Window = TimeSpan.FromMinutes(1) };

    public WindowLimit PerUser { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };

    public sealed class WindowLimit
    {
        public int PermitLimit { get; set; }

        public TimeSpan Window { get; set; }
    }
}

/// <summary>
/// ASP.NET Core's rate limiter, two fixed windows chained: one partition per client address (after
/// the forwarded headers, which only loopback proxies may set) and one per signed-in user (the
/// <c>sub</c> of the token the gateway has just validated; no call to Identity). Either one full
/// answers 429 with <c>Retry-After</c> and a problem body; the request never reaches a service.
/// </summary>
internal static class RateLimits
{
    public static void AddGatewayRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => Options(settings.PerAddress))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(context => Limited(context) && context.User.FindFirst("sub")?.Value is { } user
                    ? RateLimitPartition.GetFixedWindowLimiter(user, _ => Options(settings.PerUser))
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = RetryLaterProblem.TooManyRequestsAsync;
        });
    }

    private static bool Limited(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/connect");

    private static FixedWindowRateLimiterOptions Options(RateLimitSettings.WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
