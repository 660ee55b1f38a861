namespace CustomerPlatform.Contracts;

/// <summary>
/// The names of the platform's resources, spelled once. The AppHost declares resources under these
/// names, the services read <c>ConnectionStrings__{name}</c> and <c>services__{name}__http__0</c>
/// with them, the gateway routes to them and the tests look them up by them.
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";
    public const string Mail = "mail";
    public const string Gateway = "gateway";

    public static class Services
    {
        public const string Identity = "identity";
        public const string Onboarding = "onboarding";
        public const string Training = "training";
        public const string Ticketing = "ticketing";
        public const string Notifications = "notifications";
        public const string Loyalty = "loyalty";
        public const string Customers = "customers";

        public static readonly IReadOnlyList<string> All =
            [Identity, Onboarding, Training, Ticketing, Notifications, Loyalty, Customers];
    }

    public static class Databases
    {
        public const string Identity = "identitydb";
        public const string Onboarding = "onboardingdb";
        public const string Training = "trainingdb";
        public const string Ticketing = "ticketingdb";
        public const string Notifications = "notificationsdb";
        public const string Loyalty = "loyaltydb";
        public const string Customers = "customersdb";
    }
}
