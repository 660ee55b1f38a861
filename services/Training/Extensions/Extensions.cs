using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Training;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<TrainingDbContext>(ResourceNames.Databases.Training);
        builder.AddMessaging<TrainingDbContext>(
            _ => { },
            messaging => messaging.AddPostgresScheduler<TrainingDbContext>(SchedulerQueueName(ResourceNames.Services.Training)));
    }
}
