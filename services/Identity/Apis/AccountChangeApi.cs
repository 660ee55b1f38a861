using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// A signed-in customer's own changes (routes beside journey.md's Identity section, which they extend):
/// <c>change-password</c> and <c>change-email</c> ask for the current password; <c>confirm-email-change</c>
/// redeems the link sent to the new address, like <c>verify-email</c>.
/// </summary>
public static class AccountChangeApi
{
    public static RouteGroupBuilder MapAccountChanges(this RouteGroupBuilder api)
    {
        api.MapPost("change-password", ChangePassword).WithName("ChangePassword")
            .WithSummary("Change the caller's password; signs out every other session").RequireAuthorization();
        api.MapPost("change-email", ChangeEmail).WithName("ChangeEmail")
            .WithSummary("Send a confirmation link to a new address; 202 whether or not the address is free").RequireAuthorization();
        api.MapPost("confirm-email-change", ConfirmEmailChange).WithName("ConfirmEmailChange")
            .WithSummary("Redeem the link sent to the new address");
        return api;
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, NotFound>> ChangePassword(
        HttpContext context, AccountChangeService service, PasswordPolicy policy, RateLimiter limiter,
        IOptions<RateLimitSettings> limits, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<ChangePasswordRequest>(context.Request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(unreadable!);

        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(body.CurrentPassword))
            errors.Add("currentPassword", "The current password is required.");
        if (policy.Validate(body.NewPassword, "newPassword", errors, context.User.GetEmail())
            && body.NewPassword == body.CurrentPassword)
            errors.Add("newPassword", "The new password must differ from the current one.");
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var customerId = context.User.GetCustomerId();
        if (await IdentityApi.TooManyAsync(context, limiter, "change-password", limits.Value.AccountChange, customerId.ToString(), cancellationToken) is { } tooMany)
            return tooMany;

        return await service.ChangePasswordAsync(customerId, body.CurrentPassword!, body.NewPassword!, cancellationToken) switch
        {
            AccountChangeOutcome.Changed => TypedResults.NoContent(),
            AccountChangeOutcome.WrongPassword => WrongPassword("currentPassword"),
            AccountChangeOutcome.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The account changed meanwhile.",
                detail: "The password was changed by another request; sign in again and retry."),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Results<Accepted, ValidationProblem, ProblemHttpResult, NotFound>> ChangeEmail(
        HttpContext context, AccountChangeService service, RateLimiter limiter,
        IOptions<RateLimitSettings> limits, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<ChangeEmailRequest>(context.Request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(unreadable!);

        var errors = new ValidationErrors();
        var newEmail = EmailRules.Validate(body.NewEmail, "newEmail", errors);
        if (string.IsNullOrEmpty(body.Password))
            errors.Add("password", "The current password is required.");
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var customerId = context.User.GetCustomerId();
        if (await IdentityApi.TooManyAsync(context, limiter, "change-email", limits.Value.AccountChange, customerId.ToString(), cancellationToken) is { } tooMany)
            return tooMany;

        return await service.RequestEmailChangeAsync(customerId, newEmail!, body.Password!, cancellationToken) switch
        {
            AccountChangeOutcome.Requested => TypedResults.Accepted((string?)null),
            AccountChangeOutcome.SameAddress => TypedResults.ValidationProblem(
                ValidationErrors.For("newEmail", "This is already the account's address.").ToDictionary()),
            AccountChangeOutcome.WrongPassword => WrongPassword("password"),
            _ => TypedResults.NotFound(),
        };
    }

    public static async Task<Results<NoContent, ValidationProblem>> ConfirmEmailChange(
        HttpContext context, AccountChangeService service, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonRequestBody.ReadAsync<VerifyEmailRequest>(context.Request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(unreadable!);
        if (string.IsNullOrWhiteSpace(body.Token))
            return TypedResults.ValidationProblem(ValidationErrors.For("token", "A token is required.").ToDictionary());

        return await service.ConfirmEmailChangeAsync(body.Token, cancellationToken) switch
        {
            AccountChangeOutcome.Changed => TypedResults.NoContent(),
            AccountChangeOutcome.AddressTaken => TypedResults.ValidationProblem(
                ValidationErrors.For("token", "The new address has meanwhile been taken by another account.").ToDictionary(),
                title: IdentityApi.InvalidTokenTitle, type: IdentityApi.InvalidTokenType),
            _ => TypedResults.ValidationProblem(IdentityApi.InvalidToken.ToDictionary(),
                title: IdentityApi.InvalidTokenTitle, type: IdentityApi.InvalidTokenType),
        };
    }

    // The same answer for a wrong password and a locked account, as at sign-in.
    private static ValidationProblem WrongPassword(string field) =>
        TypedResults.ValidationProblem(ValidationErrors.For(field, "The password is incorrect, or the account is temporarily locked.").ToDictionary());
}
