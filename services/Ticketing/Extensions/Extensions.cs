namespace CustomerPlatform.Ticketing;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<TicketingDbContext>(ResourceNames.Databases.Ticketing);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging);
    }
}
