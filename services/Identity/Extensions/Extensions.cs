using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Identity;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<IdentityDbContext>(ResourceNames.Databases.Identity);
        builder.AddMessaging<IdentityDbContext>(
            _ => { },
            messaging => messaging.AddPostgresScheduler<IdentityDbContext>(SchedulerQueueName(ResourceNames.Services.Identity)));
    }
}
