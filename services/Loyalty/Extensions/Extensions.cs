using CustomerPlatform.Loyalty.Captures;
using CustomerPlatform.Loyalty.Earning;
using CustomerPlatform.Loyalty.Expiry;
using CustomerPlatform.Loyalty.Ledger;
using CustomerPlatform.Loyalty.Programme;
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
        builder.Services.AddOptions<TierOptions>().BindConfiguration(TierOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<LoyaltyEmailOptions>().BindConfiguration(LoyaltyEmailOptions.Section);
        builder.Services.AddScoped<TierUpgrades>();
        builder.Services.AddOptions<Rewards.RewardOptions>().BindConfiguration(Rewards.RewardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // The configuration above is the programme's version 1; what earns and redeems reads the current version (ADR-037).
        builder.Services.AddSingleton<ProgrammeStore>();
        builder.Services.AddHostedService<ProgrammeSeeding>();
        builder.Services.AddCaptures();
        builder.Services.AddOptions<ExpiryOptions>().BindConfiguration(ExpiryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<PointsExpiry>();
        builder.Services.AddOptions<TierReviewOptions>().BindConfiguration(TierReviewOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<TierReview>();
        builder.Services.AddHostedService<ExpirySweep>();
        builder.Services.AddScoped<LedgerEvents>();
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
