using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.ServiceDefaults;

/// <summary>
/// What every service and the gateway share: telemetry, health, discovery, resilience, problem
/// details and OpenAPI, configured the way .NET Aspire's service defaults are.
/// </summary>
public static class Extensions
{
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [HealthCheckTags.Live]);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        // A stop (Ctrl+C or SIGTERM of the AppHost) reaches the servers at the same moment as the services:
        // a service waiting on a database or broker that has gone would hold its stop for the host's default
        // 30 s. What is cut short is safe to cut: unacknowledged messages come back, requests are retried.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = builder.Configuration.GetValue<TimeSpan?>("HostOptions:ShutdownTimeout") ?? TimeSpan.FromSeconds(5));

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ServiceBusyExceptionHandler>();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddOpenApi();

        // The gateway runs on the same machine; the defaults trust only loopback proxies, so a
        // client elsewhere cannot spoof its address or scheme with these headers.
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders =
            ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);

        return builder;
    }

    /// <param name="beforeAuthentication">Middleware that must run before authentication (the gateway's app session puts the token on the request there).</param>
    public static WebApplication MapDefaultEndpoints(this WebApplication app, Action<WebApplication>? beforeAuthentication = null)
    {
        app.UseForwardedHeaders();
        app.UseExceptionHandler();

        // Every error is a problem response (RFC 9457): what the framework answers with an empty body
        // (401 and 403 from authorization, 404 with no route, 405 for the wrong method, 415) gets one here.
        app.UseStatusCodePages();

        // Placed here, after the status-code pages, so their 401s and 403s get a body too (left to
        // WebApplication, authentication and authorization would run first, outside this pipeline).
        beforeAuthentication?.Invoke(app);
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        // Mapped in every environment: the AppHost, the gateway and an orchestrator probe them.
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            // "All checks pass" means healthy: a degraded dependency must not look ready.
            ResultStatusCodes = { [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable },
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/alive", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthCheckTags.Live),
        });

        app.MapOpenApi();

        return app;
    }
}
