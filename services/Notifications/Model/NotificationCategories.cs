namespace CustomerPlatform.Notifications;

public static class NotificationCategories
{
    /// <summary>Verification, password reset, account changes: always sent, whatever the preferences say.</summary>
    public const string Security = "security";
    public const string Onboarding = "onboarding";
    public const string Training = "training";
    public const string Support = "support";
    public const string Loyalty = "loyalty";
    /// <summary>An order's confirmation, shipping and delivery: transactional, always sent.</summary>
    public const string Orders = "orders";
    public const string Marketing = "marketing";

    public static readonly IReadOnlyList<NotificationCategory> All =
    [
        new(Security, "Sign-in, verification and account security", CanOptOut: false, EmailByDefault: true),
        new(Onboarding, "Your onboarding journey and your success manager", CanOptOut: true, EmailByDefault: true),
        new(Training, "Courses, quizzes and reminders", CanOptOut: true, EmailByDefault: true),
        new(Support, "Answers to your questions and tickets", CanOptOut: true, EmailByDefault: true),
        new(Loyalty, "Your loyalty points and rewards", CanOptOut: true, EmailByDefault: true),
        new(Orders, "Your orders: confirmation, shipping and delivery", CanOptOut: false, EmailByDefault: true),

        // Marketing needs consent first (GDPR, ePrivacy): off until the customer turns it on.
        new(Marketing, "Offers and product news", CanOptOut: true, EmailByDefault: false),
    ];

    public static NotificationCategory? Find(string name) =>
        All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));
}
