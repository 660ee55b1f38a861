using CustomerPlatform.Ticketing.Returns;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Messaging;
using CustomerPlatform.Ticketing.Consumers;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Ticketing;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<TicketingDbContext>(ResourceNames.Databases.Ticketing);

        builder.Services.AddOptions<TicketingOptions>().BindConfiguration(TicketingOptions.Section);
        builder.Services.AddOptions<InboundEmailOptions>().BindConfiguration(InboundEmailOptions.Section);
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section);
        builder.Services.AddOptions<SlaOptions>().BindConfiguration(SlaOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SlaOptions>, SlaOptionsValidation>();
        builder.Services.AddSingleton<SlaTracking>();
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<RoutingOptions>, RoutingOptionsValidation>();
        builder.Services.AddScoped<TicketRouter>();
        builder.Services.AddSingleton<TicketEmails>();
        builder.Services.AddOptions<ReturnsOptions>().BindConfiguration(ReturnsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ReturnEmails>();
        builder.Services.AddSingleton<MessageSentiments>();
        builder.Services.AddHostedService<KnowledgeBase.KnowledgeBaseSeeder>();
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<ChatService>();
        builder.Services.AddSingleton<ChatBroadcast>();
        // The live chat's hub: one Ticketing process holds every chat's connections (ADR-031: no backplane).
        builder.Services.AddSignalR(hub =>
        {
            hub.EnableDetailedErrors = false;
            // An agent's console follows several chats on one connection: one chat's message must not wait for another's.
            hub.MaximumParallelInvocationsPerClient = 8;
        });

        builder.AddMessaging<TicketingDbContext>(
            bus =>
            {
                bus.AddConsumer<OpenTicketConsumer>();
                bus.AddConsumer<StaffAccountChangedConsumer>();
                bus.AddConsumer<CustomerEmailChangedConsumer>();
                bus.AddConsumer<CustomerContactsConsumer>();
                bus.AddConsumer<SuccessManagerAssignedConsumer>();
                bus.AddConsumer<LoyaltyTierConsumer>();
                bus.AddConsumer<TicketSolvedConsumer>();
                bus.AddConsumer<CloseSolvedTicketConsumer>();
                bus.AddConsumer<SlaChangedConsumer>();
                bus.AddConsumer<SlaTimerDueConsumer>();
                bus.AddConsumer<OrderCopyConsumer>();
                bus.AddConsumer<CustomerUnhappyConsumer>();
                bus.AddConsumer<AgentMayTakeMoreConsumer>();
                bus.AddConsumer<ChatWaitingConsumer>();
                bus.AddConsumer<ChatTakeDueConsumer>();
                bus.AddConsumer<ChatMissedConsumer>();
            },
            messaging => messaging.AddPostgresScheduler<TicketingDbContext>(SchedulerQueueName(ResourceNames.Services.Ticketing)));

        // Identity announces its staff when it starts, maybe before this service's queue was bound: ask again.
        builder.Services.PublishWhenStarted(services => new AnnounceStaff
        {
            RequestedBy = ResourceNames.Services.Ticketing,
            RequestedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        });
    }
}
