using CustomerPlatform.Customers.Consumers;
using CustomerPlatform.Messaging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Customers;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<CustomersOptions>().BindConfiguration(CustomersOptions.Section);
        builder.Services.AddSingleton<OrderEmails>();
        builder.AddPostgresDbContext<CustomersDbContext>(ResourceNames.Databases.Customers);
        builder.AddMessaging<CustomersDbContext>(
            bus =>
            {
                bus.AddConsumer<CustomerAccountConsumer>();
                bus.AddConsumer<TimelineConsumer>();
                bus.AddConsumer<LoyaltyTimelineConsumer>();
                bus.AddConsumer<OrderFollowUpScheduler>();
                bus.AddConsumer<OrderFollowUpConsumer>();
            },
            messaging => messaging.AddPostgresScheduler<CustomersDbContext>(SchedulerQueueName(ResourceNames.Services.Customers)));
    }
}
