namespace CustomerPlatform.Identity;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<IdentityDbContext>(ResourceNames.Databases.Identity);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging);
    }
}
