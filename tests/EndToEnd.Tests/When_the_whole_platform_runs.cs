using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using CustomerPlatform.AppHost.Resources;
using CustomerPlatform.Contracts;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CustomerPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class When_the_whole_platform_runs(PlatformFixture platform)
{
    /// <summary>Each service's public route prefix (journey.md): Ticketing serves the Support API.</summary>
    public static TheoryData<string, string> ServiceRoutes => new()
    {
        { ResourceNames.Services.Identity, "identity" },
        { ResourceNames.Services.Onboarding, "onboarding" },
        { ResourceNames.Services.Training, "training" },
        { ResourceNames.Services.Ticketing, "support" },
        { ResourceNames.Services.Notifications, "notifications" },
        { ResourceNames.Services.Loyalty, "loyalty" },
        { ResourceNames.Services.Customers, "customers" },
    };

    [Fact]
    public async Task Should_show_every_resource_running_and_healthy_as_the_dashboard_lists_them()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var resources = (await ResourceControl.CurrentStatesAsync(platform.App, timeout.Token))
            .Where(r => r.Resource is not ParameterResource)
            .ToList();

        // Each replica is listed: Identity and Onboarding run two, the other services one.
        var expected = new[] { ResourceNames.Postgres, ResourceNames.Messaging, $"{ResourceNames.Messaging}-epmd", ResourceNames.Mail, ResourceNames.Gateway }
            .Concat(ResourceNames.Services.All)
            .Concat(Enumerable.Repeat(ResourceNames.Services.Identity, PlatformFixture.IdentityReplicas - 1))
            .Concat(Enumerable.Repeat(ResourceNames.Services.Onboarding, PlatformFixture.OnboardingReplicas - 1))
            .Concat(typeof(ResourceNames.Databases).GetFields().Select(f => (string)f.GetValue(null)!));
        Assert.Equal(expected.Order(), resources.Select(r => r.Resource.Name).Order());
        Assert.All(resources, r =>
        {
            Assert.True(r.Snapshot.State?.Text == KnownResourceStates.Running, $"{r.ResourceId} is {r.Snapshot.State?.Text}");
            if (r.Resource.Name != $"{ResourceNames.Messaging}-epmd")
                Assert.True(r.Snapshot.HealthStatus == HealthStatus.Healthy, $"{r.ResourceId} is {r.Snapshot.HealthStatus}");
        });
        Assert.Equal(PlatformFixture.IdentityReplicas, resources.Count(r => r.Resource.Name == ResourceNames.Services.Identity));
        Assert.Equal(PlatformFixture.OnboardingReplicas, resources.Count(r => r.Resource.Name == ResourceNames.Services.Onboarding));
    }

    /// <summary>
    /// Aspire picks the services' ports, the AppHost the servers' own: in ranges apart, so no service is
    /// handed a port that RabbitMQ's port mapper or distribution listener takes first (Aspire knows only
    /// the ports named on endpoints).
    /// </summary>
    [Fact]
    public async Task Should_give_the_services_ports_apart_from_the_servers_own()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var resources = await ResourceControl.CurrentStatesAsync(platform.App, timeout.Token);

        var projects = resources.Where(r => r.Resource is ProjectResource).ToList();
        Assert.Equal(ResourceNames.Services.All.Count + 1 + PlatformFixture.IdentityReplicas - 1 + PlatformFixture.OnboardingReplicas - 1, projects.Count);
        var servicePorts = projects.SelectMany(project =>
        {
            var environment = ResourceControl.EnvironmentOf(project);
            var urls = environment.GetValueOrDefault("ASPNETCORE_URLS") ?? environment.GetValueOrDefault("HTTP_PORTS") ?? "";
            var ports = Regex.Matches(urls, @"(?<![\d.])(\d{2,5})(?![\d.])").Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.True(ports.Count > 0, $"{project.ResourceId} was given no port ({urls})");
            return ports;
        }).ToList();
        Assert.All(servicePorts, port => Assert.InRange(port, ResourceBuilderExtensions.ServicePortsFrom, ResourceBuilderExtensions.ServicePortsTo));

        var messaging = ResourceControl.EnvironmentOf(resources.Single(r => r.Resource.Name == ResourceNames.Messaging));
        foreach (var variable in new[] { "ERL_EPMD_PORT", "RABBITMQ_DIST_PORT", "RABBITMQ_NODE_PORT" })
            Assert.InRange(int.Parse(messaging[variable], CultureInfo.InvariantCulture), ResourceBuilderExtensions.ServerPortsFrom, ResourceBuilderExtensions.ServerPortsTo);
    }

    [Fact]
    public async Task Should_report_the_gateway_healthy_only_with_every_service_behind_it()
    {
        var health = await platform.Gateway.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        var checks = health.GetProperty("checks");
        Assert.All(ResourceNames.Services.All, service =>
            Assert.Equal("Healthy", checks.GetProperty(service).GetProperty("status").GetString()));
    }

    public static TheoryData<string> Services => new(ResourceNames.Services.All);

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Should_answer_each_services_health_through_the_gateway(string service)
    {
        var health = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/health/{service}");

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty(service + "db").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty(ResourceNames.Messaging).GetProperty("status").GetString());
    }

    [Theory]
    [MemberData(nameof(ServiceRoutes))]
    public async Task Should_route_each_services_api_through_the_gateway(string service, string route)
    {
        var status = await platform.Gateway.GetFromJsonAsync<JsonElement>($"/api/{route}/status");

        Assert.Equal(service, status.GetProperty("service").GetString());
    }

    [Fact]
    public async Task Should_balance_requests_across_the_replicas_of_a_service()
    {
        // DCP's proxy in front of the replicas balances connections, not requests: requests at once
        // open connections of their own and so reach both replicas. The gateway may hold idle
        // connections from earlier tests' load (all to one replica, by chance): ask more at once than
        // that pool holds, so new connections are opened.
        var instances = new HashSet<string>();
        for (var round = 0; round < 10 && instances.Count < PlatformFixture.IdentityReplicas; round++)
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 8 << Math.Min(round, 3)).Select(_ => platform.Gateway.GetFromJsonAsync<JsonElement>("/api/identity/status")));
            foreach (var status in statuses)
                instances.Add(status.GetProperty("instance").GetString()!);
        }

        Assert.Equal(PlatformFixture.IdentityReplicas, instances.Count);
    }

    [Theory]
    [InlineData("/status")]
    [InlineData("/index.html/x")]
    [InlineData("/api/unknown/status")]
    [InlineData("/alive/identity")]
    public async Task Should_expose_only_its_explicit_routes(string path)
    {
        var response = await platform.Gateway.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Should_put_security_headers_on_proxied_responses()
    {
        var response = await platform.Gateway.GetAsync("/api/training/status");

        response.EnsureSuccessStatusCode();
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Should_allow_the_apps_one_inline_script_by_its_hash_and_keep_its_pages_out_of_caches()
    {
        var response = await platform.Gateway.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        response.EnsureSuccessStatusCode();
        var scriptSource = response.Headers.GetValues("Content-Security-Policy").Single().Split(';')
            .Select(directive => directive.Trim()).Single(directive => directive.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe-inline", scriptSource, StringComparison.Ordinal);
        // The page's only inline script is its import map, allowed by its hash and by nothing broader.
        var inline = System.Text.RegularExpressions.Regex.Matches(html, @"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", System.Text.RegularExpressions.RegexOptions.Singleline);
        var importMap = Assert.Single(inline);
        Assert.Contains("type=\"importmap\"", importMap.Value, StringComparison.Ordinal);
        var hash = "'sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(importMap.Groups[1].Value))) + "'";
        Assert.Contains(hash, scriptSource, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Should_refuse_a_request_body_over_the_size_limit()
    {
        using var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);

        var response = await platform.Gateway.PostAsync("/api/identity/status", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
