using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Notifications;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<NotificationsDbContext>(ResourceNames.Databases.Notifications);
        builder.AddMessaging<NotificationsDbContext>(
            _ => { },
            messaging => messaging.AddPostgresScheduler<NotificationsDbContext>(SchedulerQueueName(ResourceNames.Services.Notifications)));
    }
}
