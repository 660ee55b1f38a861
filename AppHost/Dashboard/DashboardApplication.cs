using System.Net;
using System.Text.Json.Serialization;
using CustomerPlatform.AppHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CustomerPlatform.AppHost.Dashboard;

/// <summary>Builds the dashboard's own small web server, separate from anything the AppHost starts.</summary>
internal static class DashboardApplication
{
    public static WebApplication Create(IResourceMonitor monitor, DashboardOptions options, string browserToken, ILoggerFactory? loggerFactory)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardApplication).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });

        // DashboardOptions is the only configuration. Without this, the AppHost's appsettings.json and its
        // ASPNETCORE_* variables (meant for the services it starts) could add Kestrel endpoints or URLs here.
        builder.Configuration.Sources.Clear();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(ParseAddress(options.Host), options.Port));

        // Warnings only: per-request information from the page's own calls would drown the platform's output.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (loggerFactory is not null)
            builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));

        builder.Services.AddSingleton<IHostLifetime, DashboardLifetime>();
        builder.Services.AddSingleton(monitor);
        builder.Services.AddSingleton(new DashboardAccess(browserToken));
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseDashboardAuthentication();
        app.MapLogin();
        app.MapDashboardPages();
        app.MapResourceApi();
        app.MapLogApi();
        return app;
    }

    private static IPAddress ParseAddress(string host) =>
        IPAddress.TryParse(host, out var address)
            ? address
            : throw new InvalidOperationException($"The dashboard host '{host}' is not an IP address; use e.g. 127.0.0.1.");
}
