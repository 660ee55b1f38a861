using CustomerPlatform.Contracts.Notifications;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>SendEmail requests as the other services send them.</summary>
public static class Requests
{
    public static SendEmail VerifyEmail(string to, Guid customerId, string token = "tok3n") => new()
    {
        NotificationId = Guid.NewGuid(),
        CustomerId = customerId,
        To = to,
        RecipientName = "Ann Example",
        Template = EmailTemplates.VerifyEmail,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = "Ann Example",
            ["verificationLink"] = $"https://app.customerplatform.test/verify-email?token={token}",
            ["expiresInHours"] = "24",
        },
        SensitiveVariables = ["verificationLink"],
        CorrelationId = customerId,
    };

    public static SendEmail Introduction(string to, Guid customerId) => new()
    {
        NotificationId = Guid.NewGuid(),
        CustomerId = customerId,
        To = to,
        Template = EmailTemplates.SuccessManagerIntroduction,
        Variables = new Dictionary<string, string>
        {
            ["displayName"] = "Ann Example",
            ["managerName"] = "Sam Success",
            ["managerEmail"] = "sam@customerplatform.test",
            ["journeyLink"] = "https://app.customerplatform.test/onboarding",
        },
        CorrelationId = customerId,
    };
}
