namespace CustomerPlatform.Loyalty;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDbContext<LoyaltyDbContext>(ResourceNames.Databases.Loyalty);
        builder.AddRabbitMqMessaging(ResourceNames.Messaging);
    }
}
