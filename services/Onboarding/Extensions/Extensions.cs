namespace CustomerPlatform.Onboarding;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<OnboardingDbContext>(ResourceNames.Databases.Onboarding);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging);
    }
}
