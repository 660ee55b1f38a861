namespace CustomerPlatform.Training;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<TrainingDbContext>(ResourceNames.Databases.Training);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging);
    }
}
