using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CustomerPlatform.ServiceDefaults;

internal static class TelemetryExtensions
{
    // The name MassTransit publishes its activities and instruments under: its send, receive, consumer and
    // saga spans, and the outbox's "outbox send"/"outbox process" that carry a request's trace through the
    // outbox to the consumers. Npgsql's and RabbitMQ.Client's are added by their Aspire client integrations
    // (PostgresExtensions, MessagingExtensions); MailKit's SMTP spans by Notifications, the one service that sends email.
    private const string MassTransitName = "MassTransit";

    // The names under which the OTLP exporters take their HttpClient from IHttpClientFactory.
    private static readonly string[] OtlpExporterClients = ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                // The AppHost names each service through OTEL_SERVICE_NAME; run alone, the project name stands in.
                if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
                    resource.AddService(builder.Environment.ApplicationName);
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(MassTransitName))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation(options => options.FilterHttpRequestMessage = request => !IsProbe(request.RequestUri?.AbsolutePath))
                .AddSource(MassTransitName));

        builder.Services.AddHostedService<TelemetryShutdown>();

        // Export only where a collector listens (the AppHost dashboard sets the endpoint); the exporter
        // reads OTEL_EXPORTER_OTLP_PROTOCOL and the other OTEL_* variables itself.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();

            // The exporters retry by themselves, within their own timeout. The standard resilience handler
            // that every HttpClient gets (Extensions.AddServiceDefaults) would retry each export again, with
            // back-offs of seconds: when the dashboard has gone first, the last export kept a stopping
            // service alive 6-10 s past TelemetryShutdown's budget.
            // (RemoveAllResilienceHandlers is marked for evaluation; it is the library's one way to undo the
            // defaults for a named client.)
#pragma warning disable EXTEXP0001
            foreach (var exporter in OtlpExporterClients)
                builder.Services.AddHttpClient(exporter).RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        }

        return builder;
    }

    // Probes arrive every few seconds (and the revocation poll four times a second from every replica, ADR-015):
    // traced, they would bury the requests people come to the traces for.
    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/alive") || path.StartsWithSegments(AuthenticationExtensions.RevocationsPath);

    private static bool IsProbe(string? path) => path is not null && IsProbe(new PathString(path));
}

/// <summary>
/// When the host has stopped, the last traces, metrics and logs are sent within half a second, all three
/// at once. Left to the providers' disposal, each waits up to 5 seconds in turn, and longer when the
/// dashboard that collects them has already gone: that made every service outlive a Ctrl+C of the
/// AppHost by 5–13 seconds. A provider already shut down returns at once when it is disposed.
/// </summary>
internal sealed class TelemetryShutdown(IServiceProvider services, IHostApplicationLifetime lifetime) : IHostedService
{
    private const int BudgetMilliseconds = 500;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStopped.Register(() => Parallel.Invoke(
            () => services.GetService<TracerProvider>()?.Shutdown(BudgetMilliseconds),
            () => services.GetService<MeterProvider>()?.Shutdown(BudgetMilliseconds),
            () => services.GetService<LoggerProvider>()?.Shutdown(BudgetMilliseconds)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
