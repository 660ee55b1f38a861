namespace CustomerPlatform.Notifications;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<NotificationsDbContext>(ResourceNames.Databases.Notifications);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging);
    }
}
