using CustomerPlatform.Messaging;
using CustomerPlatform.Training.Consumers;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Training;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TrainingPolicies.Staff, p => p.RequireRole([.. Roles.Staff]))
            .AddPolicy(TrainingPolicies.GrantAttempts, p => p.RequireRole(Roles.SuccessManager, Roles.Admin))
            .AddPolicy(TrainingPolicies.Author, p => p.RequireRole(Roles.Admin));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddPostgresDbContext<TrainingDbContext>(ResourceNames.Databases.Training);
        builder.AddMessaging<TrainingDbContext>(
            bus =>
            {
                bus.AddConsumer<EnrollInCourseConsumer>();
                bus.AddConsumer<ReopenTrainingConsumer>();
            },
            messaging => messaging.AddPostgresScheduler<TrainingDbContext>(SchedulerQueueName(ResourceNames.Services.Training)));
    }
}
