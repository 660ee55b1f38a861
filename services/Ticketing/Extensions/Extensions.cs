using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Ticketing;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<TicketingDbContext>(ResourceNames.Databases.Ticketing);
        builder.AddMessaging<TicketingDbContext>(
            _ => { },
            messaging => messaging.AddPostgresScheduler<TicketingDbContext>(SchedulerQueueName(ResourceNames.Services.Ticketing)));
    }
}
