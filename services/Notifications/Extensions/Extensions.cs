using CustomerPlatform.Notifications.Consumers;
using CustomerPlatform.Notifications.Email;
using CustomerPlatform.Notifications.Templates;
using CustomerPlatform.Messaging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
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
        builder.Services.AddSingleton<EmailDelivery>();
        builder.Services.AddSingleton<NotificationMetrics>();
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddMeter(NotificationMetrics.MeterName));
        AddSmtpTelemetry(builder.Services);

        var deliveries = builder.Configuration.GetSection(NotificationsOptions.Section).Get<NotificationsOptions>() ?? new();
        builder.AddMessaging<NotificationsDbContext>(
            bus =>
            {
                // Each makes a delivery attempt, holding an SMTP connection and its transaction while it sends.
                bus.AddConsumer<SendEmailConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = deliveries.MaxConcurrentDeliveries);
                bus.AddConsumer<DeliverEmailConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = deliveries.MaxConcurrentDeliveries);
            },
            messaging => messaging.AddPostgresScheduler<NotificationsDbContext>(SchedulerQueueName(ResourceNames.Services.Notifications)));
    }

    /// <summary>
    /// MailKit's own telemetry: the SmtpClient's spans (connecting, authenticating, sending; children of the delivery's
    /// consumer span, so the email ends the trace that asked for it), and its client and socket
    /// instruments (operation counts and durations), which it records once configured.
    /// </summary>
    private static void AddSmtpTelemetry(IServiceCollection services)
    {
        // The static meters outlive a host; several hosts in one test process share them.
        MailKit.Telemetry.SmtpClient.Configure();
        MailKit.Telemetry.Socket.Configure();
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddSource(MailKit.Telemetry.SmtpClient.ActivitySourceName));
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics
            .AddMeter(MailKit.Telemetry.SmtpClient.MeterName)
            .AddMeter(MailKit.Telemetry.Socket.MeterName));
    }
}
