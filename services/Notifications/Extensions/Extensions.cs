using CustomerPlatform.Notifications.Consumers;
using CustomerPlatform.Notifications.Email;
using CustomerPlatform.Notifications.Templates;
using CustomerPlatform.Messaging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using static CustomerPlatform.Messaging.PostgresSchedulerRegistrationExtensions;

namespace CustomerPlatform.Notifications;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultAuthentication();
        builder.AddPostgresDbContext<NotificationsDbContext>(ResourceNames.Databases.Notifications);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<NotificationsOptions>().BindConfiguration(NotificationsOptions.Section);
        builder.Services.AddSingleton<SmtpOptionsSetup>();
        builder.Services.AddSingleton<IConfigureOptions<SmtpOptions>>(s => s.GetRequiredService<SmtpOptionsSetup>());
        builder.Services.AddSingleton<IValidateOptions<SmtpOptions>>(s => s.GetRequiredService<SmtpOptionsSetup>());
        builder.Services.AddOptions<SmtpOptions>().ValidateOnStart();

        builder.Services.AddSingleton<EmailRenderer>();
        builder.Services.AddSingleton<EmailComposer>();
        builder.Services.AddSingleton<OutgoingEmail>();
        builder.Services.AddSingleton<SmtpEmailSender>();
        builder.Services.AddSingleton<NotificationMetrics>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(NotificationMetrics.MeterName));

        var deliveries = builder.Configuration.GetSection(NotificationsOptions.Section).Get<NotificationsOptions>() ?? new();
        builder.AddMessaging<NotificationsDbContext>(
            bus =>
            {
                bus.AddConsumer<SendEmailConsumer>();

                // Each delivery holds an SMTP connection and a row lock while it sends.
                bus.AddConsumer<DeliverEmailConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = deliveries.MaxConcurrentDeliveries);
            },
            messaging => messaging.AddPostgresScheduler<NotificationsDbContext>(SchedulerQueueName(ResourceNames.Services.Notifications)));
    }
}
