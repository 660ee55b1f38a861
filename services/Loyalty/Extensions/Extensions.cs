using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Loyalty;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<LoyaltyDbContext>(ResourceNames.Databases.Loyalty);
        builder.AddMessaging<LoyaltyDbContext>(
            _ => { },
            messaging => messaging.AddPostgresScheduler<LoyaltyDbContext>(SchedulerQueueName(ResourceNames.Services.Loyalty)));
    }
}
