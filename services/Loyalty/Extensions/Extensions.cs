using CustomerPlatform.Loyalty.Captures;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Messaging;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Loyalty;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<LoyaltyDbContext>(ResourceNames.Databases.Loyalty);
        builder.Services.AddOptions<EarningOptions>().BindConfiguration(EarningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<TierOptions>().BindConfiguration(TierOptions.Section);
        builder.Services.AddOptions<LoyaltyEmailOptions>().BindConfiguration(LoyaltyEmailOptions.Section);
        builder.Services.AddScoped<TierUpgrades>();
        builder.Services.AddScoped<LedgerEvents>();
        builder.Services.AddOptions<Rewards.RewardOptions>().BindConfiguration(Rewards.RewardOptions.Section);
        builder.Services.AddCaptures(builder.Configuration);
        builder.AddMessaging<LoyaltyDbContext>(
            bus =>
            {
                bus.AddConsumer<OrderPlacedConsumer>();
                bus.AddConsumer<ConfirmOrderPointsConsumer>();
                bus.AddConsumer<OrderReversalConsumer>();
                bus.AddConsumer<CustomerAddressConsumer>();
                bus.AddConsumer<LifecycleEarningConsumer>();
            },
            messaging => messaging.AddPostgresScheduler<LoyaltyDbContext>(SchedulerQueueName(ResourceNames.Services.Loyalty)));
    }
}
