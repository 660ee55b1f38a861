using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>The Ticketing service in-process, as Program.cs builds it, on real servers; only the caller's identity is swapped.</summary>
public sealed class TicketingFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TicketingDbContext>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);

        builder.ConfigureTestServices(services =>
        {
            services.AddAuthentication(options =>
                {
                    options.DefaultScheme = TestAuthHandler.SchemeName;
                    options.DefaultAuthenticateScheme = TestAuthHandler.SchemeName;
                    options.DefaultChallengeScheme = TestAuthHandler.SchemeName;
                })
                .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });

            // The first test publishes at once: the service's queues must be bound before it starts.
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        });
    }
}
