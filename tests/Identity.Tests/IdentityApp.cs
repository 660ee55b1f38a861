using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// The Identity service in-process (its real Program) on the fixture's servers, with a clock the
/// tests move and small rate limits. Two instances on one database are two replicas, or a restart.
/// </summary>
public sealed class IdentityApp(IReadOnlyDictionary<string, string?> settings, FakeTimeProvider time) : WebApplicationFactory<Program>
{
    public const string Origin = "http://localhost";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(time);
            services.AddSingleton<IStartupFilter, LoopbackClientFilter>();
        });
    }

    /// <summary>A client of the service; <paramref name="clientIp"/> arrives as X-Forwarded-For, as the gateway sends it.</summary>
    public HttpClient CreateClient(string clientIp)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(Origin) });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        return client;
    }

    // The test server has no socket, hence no peer address; the gateway's is loopback, which
    // ServiceDefaults trusts to forward the client's address.
    private sealed class LoopbackClientFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress ??= IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
