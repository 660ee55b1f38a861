using System.Globalization;
using CustomerPlatform.Contracts.Notifications;
using MassTransit;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Identity;

/// <summary>
/// The emails Identity asks Notifications for. They are published (Notifications' SendEmailConsumer
/// receives SendEmail on its own queue), so Identity needs no address; each gets a fresh
/// NotificationId, Notifications' idempotency key. Links point at the app, which calls our API.
/// </summary>
public sealed class AccountEmails(IPublishEndpoint publisher, IOptions<IdentitySettings> settings)
{
    private string Origin => settings.Value.ResolveAppOrigin();

    public Task VerifyEmailAsync(PlatformUser user, string token, CancellationToken cancellationToken) =>
        SendAsync(user, EmailTemplates.VerifyEmail, new()
        {
            ["displayName"] = user.DisplayName,
            ["verificationLink"] = $"{Origin}/verify-email?token={token}",
            ["expiresInHours"] = Hours(settings.Value.VerificationTokenLifetime),
        }, ["verificationLink"], cancellationToken);

    public Task AlreadyRegisteredAsync(PlatformUser user, CancellationToken cancellationToken) =>
        SendAsync(user, EmailTemplates.AlreadyRegistered, new()
        {
            ["displayName"] = user.DisplayName,
            ["signInLink"] = $"{Origin}/sign-in",
            ["resetLink"] = $"{Origin}/forgot-password",
        }, [], cancellationToken);

    public Task ResetPasswordAsync(PlatformUser user, string token, CancellationToken cancellationToken) =>
        SendAsync(user, EmailTemplates.ResetPassword, new()
        {
            ["displayName"] = user.DisplayName,
            ["resetLink"] = $"{Origin}/reset-password?token={token}",
            ["expiresInMinutes"] = ((int)settings.Value.ResetTokenLifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
        }, ["resetLink"], cancellationToken);

    /// <summary>Tells the account's owner what changed; <paramref name="to"/> is the address it had before, when that changed.</summary>
    public Task AccountChangedAsync(PlatformUser user, string change, DateTimeOffset changedAt, CancellationToken cancellationToken, string? to = null) =>
        SendAsync(user, EmailTemplates.AccountChanged, new()
        {
            ["displayName"] = user.DisplayName,
            ["change"] = change,
            ["changedAt"] = changedAt.ToString("u", CultureInfo.InvariantCulture),
        }, [], cancellationToken, to);

    /// <summary>To the address the account is to move to: the link proves its owner asked for it.</summary>
    public Task ConfirmEmailChangeAsync(PlatformUser user, string newEmail, string token, CancellationToken cancellationToken) =>
        SendAsync(user, EmailTemplates.ConfirmEmailChange, new()
        {
            ["displayName"] = user.DisplayName,
            ["newEmail"] = newEmail,
            ["confirmationLink"] = $"{Origin}/confirm-email-change?token={token}",
            ["expiresInHours"] = Hours(settings.Value.EmailChangeTokenLifetime),
        }, ["confirmationLink"], cancellationToken, newEmail);

    private Task SendAsync(PlatformUser user, string template, Dictionary<string, string> variables, string[] sensitive, CancellationToken cancellationToken, string? to = null) =>
        publisher.Publish(new SendEmail
        {
            NotificationId = NewId.NextGuid(),
            CustomerId = user.Id,
            To = to ?? user.Email!,
            RecipientName = user.DisplayName,
            Template = template,
            Variables = variables,
            SensitiveVariables = sensitive,
        }, cancellationToken);

    private static string Hours(TimeSpan lifetime) => ((int)lifetime.TotalHours).ToString(CultureInfo.InvariantCulture);
}
