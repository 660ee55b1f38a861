using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPlatform.AppHost.Resources;

/// <summary>MailDev (npm) run by node: an SMTP server that keeps every message, and a web inbox.</summary>
public sealed class MailDevResource(string name, string command, string mailFolder)
    : ExecutableResource(name, command, mailFolder), IResourceWithConnectionString
{
    internal const string SmtpEndpointName = "smtp";
    internal const string HttpEndpointName = "http";

    public EndpointReference SmtpEndpoint => new(this, SmtpEndpointName);

    public EndpointReference HttpEndpoint => new(this, HttpEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"smtp://{SmtpEndpoint.Property(EndpointProperty.IPV4Host)}:{SmtpEndpoint.Property(EndpointProperty.Port)}");
}

public static class MailDevBuilderExtensions
{
    private const string InstallHint = "Install it in the repository: npm install maildev@3 --prefix .tools/maildev (./run.sh does).";

    public static IResourceBuilder<MailDevResource> AddMailDev(this IDistributedApplicationBuilder builder, string name)
    {
        var options = builder.GetAppHostOptions();
        var script = Executables.Existing(
            options.MailDevScript ?? Path.Combine(RepositoryLayout.Root, ".tools", "maildev", "node_modules", "maildev", "dist", "bin", "maildev.js"),
            InstallHint);
        var node = Executables.OnPath("node", "Install Node.js 20 or later.");
        var mailFolder = Directory.CreateDirectory(Path.Combine(options.ResolveDataDirectory(), name)).FullName;
        var mail = new MailDevResource(name, node, mailFolder);

        var healthKey = $"{name}_check";
        builder.Services.AddHttpClient(healthKey);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthKey,
            services => new HttpOkHealthCheck(() => $"{mail.HttpEndpoint.Url}/api/healthz", services.GetRequiredService<IHttpClientFactory>().CreateClient(healthKey)),
            HealthStatus.Unhealthy, tags: null, timeout: TimeSpan.FromSeconds(5)));

        return builder.AddResource(mail)
            .WithServerEndpoint(MailDevResource.SmtpEndpointName, "smtp", options.Ports.MailDevSmtp, options.ProxyServers)
            .WithServerEndpoint(MailDevResource.HttpEndpointName, "http", options.Ports.MailDevWeb, proxied: true)
            .WithArgs(context =>
            {
                context.Args.Add(script);
                context.Args.Add("--smtp");
                context.Args.Add(mail.SmtpEndpoint.Property(EndpointProperty.TargetPort));
                context.Args.Add("--web");
                context.Args.Add(mail.HttpEndpoint.Property(EndpointProperty.TargetPort));
                foreach (var argument in new[] { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--mail-directory", mailFolder })
                    context.Args.Add(argument);
            })
            .WithUrlForEndpoint(MailDevResource.HttpEndpointName, url => url.DisplayText = "Inbox")
            .WithHealthCheck(healthKey)
            .WithIconName("Mail");
    }
}

/// <summary>Healthy when a GET of the URL answers 2xx.</summary>
internal sealed class HttpOkHealthCheck(Func<string> url, HttpClient http) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await http.GetAsync(url(), cancellationToken);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{url()} answered {(int)response.StatusCode}.");
        }
        catch (HttpRequestException exception)
        {
            return HealthCheckResult.Unhealthy(exception.Message, exception);
        }
    }
}
