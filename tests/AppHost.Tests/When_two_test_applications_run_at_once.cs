using Aspire.Hosting.ApplicationModel;
using CustomerPlatform.AppHost.Resources;
using CustomerPlatform.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.AppHost.Tests;

public sealed class When_two_test_applications_run_at_once
{
    [Fact]
    public async Task Should_both_become_healthy_on_their_own_ports_and_folders_and_stop_their_servers()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var startFirst = TestApplication.StartAsync(builder =>
        {
            builder.AddPostgres("postgres").AddDatabase("x");
            builder.AddRabbitMQ("messaging");
        }, ["x", "messaging"], timeout.Token);
        // The second runs the AppHost's real Program.cs, limited to its servers.
        var second = await TestApplication.StartAppHostAsync(
            ["--AppHost:InfrastructureOnly=true"], [ResourceNames.Databases.Identity, ResourceNames.Messaging, ResourceNames.Mail], timeout.Token);
        var first = await startFirst;

        Assert.Empty(Ports(first).Intersect(Ports(second)));
        Assert.NotEqual(first.DataDirectory, second.DataDirectory);
        var processes = ProcessFamily.Of(first.DataDirectory).Concat(ProcessFamily.Of(second.DataDirectory))
            .Where(p => p.Command is "postgres" or "beam.smp" or "epmd" or "node")
            .DistinctBy(p => p.Pid)
            .ToList();
        Assert.Equal(2, processes.Count(p => p.Command == "beam.smp"));
        Assert.Equal(2, processes.Count(p => p.Command == "epmd"));

        await first.DisposeAsync();
        await second.DisposeAsync();

        var alive = ProcessFamily.Alive(processes);
        Assert.True(alive.Count == 0, $"Still running after dispose: {ProcessFamily.Describe(alive)}");
        Assert.False(Directory.Exists(first.DataDirectory));
    }

    private static IEnumerable<int> Ports(TestApplication test) =>
        test.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<IResourceWithEndpoints>()
            .SelectMany(r => r.Annotations.OfType<EndpointAnnotation>())
            .SelectMany(e => new[] { e.AllocatedEndpoint!.Port, e.TargetPort!.Value });
}
