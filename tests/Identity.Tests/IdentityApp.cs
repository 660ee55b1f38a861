using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using CustomerPlatform.TestSupport;
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
            services.AddSingleton<IStartupFilter, LoopbackPeer>();
        });
    }

    /// <summary>A client of the service; <paramref name="clientIp"/> arrives as X-Forwarded-For, as the gateway sends it.</summary>
    public HttpClient CreateClient(string clientIp)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(Origin) });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", clientIp);
        return client;
    }
}
