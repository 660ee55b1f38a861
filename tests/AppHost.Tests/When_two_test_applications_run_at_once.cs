using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.AppHost.Tests;

public sealed class When_two_test_applications_run_at_once
{
    [Fact]
    public async Task Should_both_become_healthy_on_their_own_ports_and_leave_no_process_behind()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("postgres").AddDatabase("x");
        builder.AddRabbitMQ("messaging");
        await using var first = builder.Build();
        var startFirst = first.StartAsync(timeout.Token);
        // The second runs the AppHost's real Program.cs, limited to one service's infrastructure.
        await using var second = await DistributedApplicationTestingBuilder.StartAsync<Program>(
            [$"--AppHost:Only={ResourceNames.Databases.Identity},{ResourceNames.Messaging}"], timeout.Token);
        await startFirst;

        await Task.WhenAll(
            first.WaitForResourceHealthyAsync("x", timeout.Token),
            first.WaitForResourceHealthyAsync("messaging", timeout.Token),
            second.WaitForResourceHealthyAsync(ResourceNames.Databases.Identity, timeout.Token),
            second.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token));

        Assert.Equal(
            [ResourceNames.Databases.Identity, ResourceNames.Messaging, ResourceNames.Postgres],
            second.Monitor.GetResources().Select(r => r.Name).Order());
        var firstPorts = first.Monitor.GetResources().SelectMany(r => r.Endpoints).Select(e => new Uri(e.Url).Port);
        var secondPorts = second.Monitor.GetResources().SelectMany(r => r.Endpoints).Select(e => new Uri(e.Url).Port);
        Assert.Empty(firstPorts.Intersect(secondPorts));
        Assert.NotEqual(first.Options.DataDirectory, second.Options.DataDirectory);

        var processes = RecordedProcesses.Of(first.Options.DataDirectory!).Concat(RecordedProcesses.Of(second.Options.DataDirectory!)).ToList();
        Assert.Contains(processes, p => RecordedProcesses.CommandOf(p.Pid) == "beam.smp");
        Assert.Contains(processes, p => RecordedProcesses.CommandOf(p.Pid) == "epmd");
        await first.DisposeAsync();
        await second.DisposeAsync();

        var alive = RecordedProcesses.Alive(processes);
        Assert.True(alive.Count == 0, $"Still running after dispose: {RecordedProcesses.Describe(alive)}");
        Assert.False(Directory.Exists(first.Options.DataDirectory));
    }
}
