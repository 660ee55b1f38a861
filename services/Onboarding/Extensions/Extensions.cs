using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Onboarding;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<OnboardingDbContext>(ResourceNames.Databases.Onboarding);
        builder.AddMessaging<OnboardingDbContext>(
            _ => { },
            messaging => messaging.AddPostgresScheduler<OnboardingDbContext>(SchedulerQueueName(ResourceNames.Services.Onboarding)));
    }
}
