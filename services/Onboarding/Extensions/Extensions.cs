using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Messaging;
using MassTransit;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Onboarding;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<OnboardingDbContext>(ResourceNames.Databases.Onboarding);
        builder.Services.AddOptions<OnboardingOptions>().BindConfiguration(OnboardingOptions.Section);
        builder.Services.AddScoped<JourneyRequests>();

        builder.AddMessaging<OnboardingDbContext>(
            bus =>
            {
                bus.AddSagaStateMachine<JourneyStateMachine, JourneyState>((_, saga) =>
                {
                    saga.Message<EmailDelivered>(m => m.UseFilter(new TrackedEmailsOnly<EmailDelivered>(e => e.Template)));
                    saga.Message<EmailFailed>(m => m.UseFilter(new TrackedEmailsOnly<EmailFailed>(e => e.Template)));
                });
                bus.AddConsumer<StaffAccountChangedConsumer>();
            },
            messaging => messaging.AddPostgresScheduler<OnboardingDbContext>(SchedulerQueueName(ResourceNames.Services.Onboarding)));

        // Identity announces its staff when it starts, maybe before this service's queue was bound: ask again.
        builder.Services.PublishWhenStarted(services => new AnnounceStaff
        {
            RequestedBy = ResourceNames.Services.Onboarding,
            RequestedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
    }
}
