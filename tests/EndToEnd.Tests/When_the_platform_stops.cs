using System.Diagnostics;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.AppHost.Tests;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

public sealed class When_the_platform_stops
{
    [Fact]
    public async Task Should_stop_every_process_it_started_within_fifteen_seconds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var app = await DistributedApplicationTestingBuilder.StartAsync<Program>(cancellationToken: timeout.Token);
        await using (app)
        {
            await app.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);
            var processes = RecordedProcesses.Of(app.Options.DataDirectory!);
            foreach (var command in new[] { "postgres", "beam.smp", "epmd", "node", "dotnet" })
            {
                Assert.Contains(processes, p => RecordedProcesses.CommandOf(p.Pid) == command);
            }

            var clock = Stopwatch.StartNew();
            await app.StopAsync(timeout.Token);

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Stopping took {clock.Elapsed}.");
            var alive = RecordedProcesses.Alive(processes);
            Assert.True(alive.Count == 0, $"Still running after stop: {RecordedProcesses.Describe(alive)}");
            Assert.All(app.Monitor.GetResources(), r => Assert.Equal(ResourceState.Exited, r.State));
        }
    }
}
