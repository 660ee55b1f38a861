using System.Globalization;
using System.Threading.RateLimiting;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Rewards;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Loyalty.Captures;

/// <summary>
/// The storefront's first-purchase pop-up (commerce.md): <c>POST /api/loyalty/captures</c> without a token, limited per client
/// address, sends an address its one personal code; <c>/loyalty/widget.js</c> is the pop-up. Both answer CORS for the store's
/// origins (<see cref="CaptureOptions.StoreOrigins"/>), and no other route does. The pop-up's conversion (captured addresses
/// whose code the store used on an order) is a staff route (ADR-035).
/// </summary>
public static class CapturesApi
{
    public const string CorsPolicy = "storefront";
    public const string RateLimitPolicy = "captures";
    /// <summary>The reward id of first-purchase codes (not in the catalogue: nobody buys them with points).</summary>
    public const string FirstPurchaseReward = "first-purchase";
    public const int MaxSourceLength = 200;

    public sealed record CaptureRequest(string? Email, bool? Consent, string? Source);

    public sealed record ConversionView(long Captures, long CodesUsed, decimal ConversionRate);

    public static IServiceCollection AddCaptures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<Widget>();
        services.AddOptions<CaptureOptions>().BindConfiguration(CaptureOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = configuration.GetSection(CaptureOptions.Section).Get<CaptureOptions>() ?? new CaptureOptions();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins([.. options.StoreOrigins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Get, HttpMethods.Post)
            .WithHeaders("Content-Type")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        services.AddRateLimiter(limiter =>
        {
            // One fixed window per client address (the gateway's X-Forwarded-For, trusted from loopback only).
            limiter.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.PermitPerAddress, Window = options.Window, QueueLimit = 0, AutoReplenishment = true,
                }));
            limiter.OnRejected = RetryLaterProblem.TooManyRequestsAsync;
        });
        return services;
    }

    /// <summary>The CORS and rate-limiting middleware, after routing (they act on the endpoints that ask for them).</summary>
    public static void UseCaptures(this WebApplication app)
    {
        app.UseCors();
        app.UseRateLimiter();
    }

    public static IEndpointRouteBuilder MapCaptures(this IEndpointRouteBuilder app)
    {
        app.MapPost("api/loyalty/captures", CaptureAsync).WithTags("Loyalty").AllowAnonymous()
            .RequireCors(CorsPolicy).RequireRateLimiting(RateLimitPolicy)
            .WithSummary("The storefront's pop-up: the address receives its one first-purchase code by email");
        app.MapGet("loyalty/widget.js", (HttpContext context, Widget widget) => widget.Serve(context)).AllowAnonymous().RequireCors(CorsPolicy).ExcludeFromDescription();
        app.MapGet("api/loyalty/staff/popup", ConversionAsync).WithTags("Loyalty")
            .RequireAuthorization(policy => policy.RequireRole([.. Roles.Staff]))
            .WithSummary("The pop-up's conversion: captured addresses, codes used on an order, and their ratio");
        return app;
    }

    /// <summary>
    /// 202 for a valid capture, sent or not (whether an address was captured before is nobody's business); a new address gets
    /// its code, the code's row, a member and the email's outbox row in one transaction; an address seen before gets nothing.
    /// </summary>
    public static async Task<Results<Accepted, ValidationProblem>> CaptureAsync(
        HttpRequest request, LoyaltyDbContext db, IPublishEndpoint publisher, IOptions<CaptureOptions> options, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await JsonRequestBody.ReadAsync<CaptureRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        var email = body.Email?.Trim();
        if (!MemberLedger.IsSendableEmail(email))
            return TypedResults.ValidationProblem(Error("email", "A valid email address is required."));
        if (body.Consent is not true)
            return TypedResults.ValidationProblem(Error("consent", "The code is sent only with consent: 'consent' must be true."));
        var source = body.Source?.Trim();
        if (source is { Length: > MaxSourceLength } || source?.Any(char.IsControl) == true)
            return TypedResults.ValidationProblem(Error("source", $"The source is at most {MaxSourceLength} characters, on one line."));

        var settings = options.Value;
        var address = MemberLedger.NormalizeEmail(email);
        await db.InTransactionAsync(async () =>
        {
            var now = time.GetUtcNow();
            var code = RewardCode.NewCode();
            var consent = settings.Texts.Consent;
            var captured = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO loyalty_captures (email, code, source, consent_text, consented_at)
                VALUES ({address}, {code}, {(string.IsNullOrEmpty(source) ? null : source)}, {consent}, {now})
                ON CONFLICT (email) DO NOTHING
                """, cancellationToken);
            if (captured == 0)
                return 0;
            var member = await MemberLedger.LockByEmailAsync(db, address, null, now, cancellationToken);
            var issued = new RewardCode
            {
                Code = code, MemberId = member.Id, RewardId = FirstPurchaseReward, Kind = RewardKinds.PercentDiscount, Value = settings.Percent,
                Cost = 0, CreatedAt = now, ExpiresAt = now + settings.ValidFor,
            };
            db.RewardCodes.Add(issued);
            await publisher.Publish(new SendEmail
            {
                NotificationId = NotificationIds.NameBased(ResourceNames.Services.Loyalty, $"{EmailTemplates.FirstPurchaseCode}/{address}"),
                CustomerId = member.CustomerId ?? Guid.Empty,
                To = address,
                Template = EmailTemplates.FirstPurchaseCode,
                Variables = new Dictionary<string, string>
                {
                    ["code"] = issued.Code,
                    ["percent"] = settings.Percent.ToString(CultureInfo.InvariantCulture),
                    ["expiresAt"] = issued.ExpiresAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                },
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return captured;
        }, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Captured addresses, how many of their codes the store used on an order, and the ratio (0 with no capture).</summary>
    public static async Task<Ok<ConversionView>> ConversionAsync(LoyaltyDbContext db, CancellationToken cancellationToken)
    {
        var counts = await db.Captures
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Captures = g.LongCount(),
                Used = g.LongCount(c => db.RewardCodes.Any(r => r.Code == c.Code && r.UsedForOrderId != null)),
            })
            .FirstOrDefaultAsync(cancellationToken);
        var captures = counts?.Captures ?? 0;
        var used = counts?.Used ?? 0;
        return TypedResults.Ok(new ConversionView(captures, used, captures == 0 ? 0 : Math.Round((decimal)used / captures, 4)));
    }

    private static Dictionary<string, string[]> Error(string field, string message) => new() { [field] = [message] };
}
