using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>The account routes of journey.md's Identity section (tokens are under /connect, see <see cref="ConnectApi"/>).</summary>
public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApiV1(this IEndpointRouteBuilder app)
    {
        // Bodies are read by JsonRequestBody, not bound: a body that is not JSON (whatever its
        // Content-Type) is a 400 naming "body", where Accepts<T> metadata would make routing answer 415.
        var api = app.MapGroup("api/identity").WithTags("Identity");
        api.MapStatus(ResourceNames.Services.Identity);

        api.MapPost("signup", SignUp).WithName("SignUp").WithSummary("Start an account; always 202 for a well-formed request");
        api.MapPost("verify-email", VerifyEmail).WithName("VerifyEmail").WithSummary("Redeem the token of a verification email");
        api.MapPost("resend-verification", ResendVerification).WithName("ResendVerification").WithSummary("Send a new verification link, voiding the old one");
        api.MapPost("forgot-password", ForgotPassword).WithName("ForgotPassword").WithSummary("Send a password reset link");
        api.MapPost("reset-password", ResetPassword).WithName("ResetPassword").WithSummary("Set a new password with a reset token");
        api.MapGet("me", Me).WithName("GetCurrentUser").WithSummary("The caller's account").RequireAuthorization();
        api.MapAccountChanges();
        api.MapStaffAdministration();
        AccessRevocationFeed.MapAccessRevocationFeed(app);
        return app;
    }

    public static async Task<Results<Accepted<SignUpAccepted>, ValidationProblem, ProblemHttpResult>> SignUp(
        HttpContext context, SignUpService service, PasswordPolicy policy, RateLimiter limiter, ILookupNormalizer normalizer,
        IOptions<RateLimitSettings> limits, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<SignUpRequest>(context.Request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(unreadable!);

        var errors = new ValidationErrors();
        var email = EmailRules.Validate(body.Email, "email", errors);
        var displayName = DisplayNameRules.Validate(body.DisplayName, "displayName", errors);
        policy.Validate(body.Password, "password", errors, email);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        if (await TooManyAsync(context, limiter, "sign-up", limits.Value.SignUp, normalizer.NormalizeEmail(email), cancellationToken) is { } tooMany)
            return tooMany;

        var customerId = await service.SignUpAsync(email!, body.Password!, displayName!, cancellationToken);
        return TypedResults.Accepted((string?)null, new SignUpAccepted(customerId));
    }

    public static async Task<Results<NoContent, ValidationProblem>> VerifyEmail(
        HttpContext context, EmailVerificationService service, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<VerifyEmailRequest>(context.Request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(unreadable!);
        if (string.IsNullOrWhiteSpace(body.Token))
            return TypedResults.ValidationProblem(ValidationErrors.For("token", "A token is required.").ToDictionary());

        return await service.VerifyAsync(body.Token, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.ValidationProblem(InvalidToken.ToDictionary(), title: InvalidTokenTitle, type: InvalidTokenType);
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ResendVerification(
        HttpContext context, EmailVerificationService service, RateLimiter limiter, ILookupNormalizer normalizer,
        IOptions<RateLimitSettings> limits, CancellationToken cancellationToken)
    {
        var (email, problem) = await ReadEmailAsync(context, cancellationToken);
        if (problem is not null)
            return problem;
        if (await TooManyAsync(context, limiter, "resend-verification", limits.Value.ResendVerification, normalizer.NormalizeEmail(email), cancellationToken) is { } tooMany)
            return tooMany;

        await service.ResendAsync(email!, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult>> ForgotPassword(
        HttpContext context, PasswordResetService service, RateLimiter limiter, ILookupNormalizer normalizer,
        IOptions<RateLimitSettings> limits, CancellationToken cancellationToken)
    {
        var (email, problem) = await ReadEmailAsync(context, cancellationToken);
        if (problem is not null)
            return problem;
        if (await TooManyAsync(context, limiter, "forgot-password", limits.Value.ForgotPassword, normalizer.NormalizeEmail(email), cancellationToken) is { } tooMany)
            return tooMany;

        await service.ForgotAsync(email!, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<NoContent, ValidationProblem>> ResetPassword(
        HttpContext context, PasswordResetService service, PasswordPolicy policy, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<ResetPasswordRequest>(context.Request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(unreadable!);

        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body.Token))
            errors.Add("token", "A token is required.");
        policy.Validate(body.NewPassword, "newPassword", errors);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        return await service.ResetAsync(body.Token!, body.NewPassword!, cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.ValidationProblem(InvalidToken.ToDictionary(), title: InvalidTokenTitle, type: InvalidTokenType);
    }

    public static async Task<Results<Ok<CurrentUser>, NotFound>> Me(HttpContext context, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var id = context.User.GetCustomerId();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
            return TypedResults.NotFound();
        var roles = await db.UserRoles.Where(ur => ur.UserId == id)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .OrderBy(name => name)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new CurrentUser(user.Id, user.Email!, user.DisplayName, user.EmailConfirmed, roles));
    }

    // One problem for every token that cannot be redeemed, so a caller cannot tell used from unknown.
    internal const string InvalidTokenType = "https://customerplatform/problems/invalid-token";
    internal const string InvalidTokenTitle = "The token is not valid.";
    internal static ValidationErrors InvalidToken => ValidationErrors.For("token", "The token is unknown, already used or expired.");

    private static async Task<(string? Email, ValidationProblem? Problem)> ReadEmailAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<EmailRequest>(context.Request, cancellationToken);
        if (body is null)
            return (null, TypedResults.ValidationProblem(unreadable!));
        var errors = new ValidationErrors();
        var email = EmailRules.Validate(body.Email, "email", errors);
        return errors.Any ? (null, TypedResults.ValidationProblem(errors.ToDictionary())) : (email, null);
    }

    /// <summary>429 with Retry-After when the client address or the email is over the policy's limit.</summary>
    internal static async Task<ProblemHttpResult?> TooManyAsync(
        HttpContext context, RateLimiter limiter, string policy, RateLimitRule rule, string? normalizedEmail, CancellationToken cancellationToken)
    {
        var wait = await limiter.AttemptAsync(policy, rule, context.Connection.RemoteIpAddress, normalizedEmail, cancellationToken);
        if (wait is null)
            return null;
        var seconds = (int)Math.Ceiling(wait.Value.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many attempts.",
            detail: $"Try again in {seconds} seconds.");
    }
}
