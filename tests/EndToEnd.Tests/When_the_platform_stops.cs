using System.Diagnostics;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

public sealed class When_the_platform_stops
{
    [Fact]
    public async Task Should_stop_every_process_it_started_within_fifteen_seconds()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var test = await TestApplication.StartAppHostAsync([], [ResourceNames.Gateway], timeout.Token);
        await using (test)
        {
            var processes = ProcessFamily.Of(test.DataDirectory);
            foreach (var command in new[] { "dcp", "postgres", "beam.smp", "epmd", "node", "CustomerPlatfor" })
                Assert.Contains(processes, p => p.Command == command);
            // DCP itself watches the process that started it (here the test host, under ./run.sh the AppHost)
            // and ends with it: stopping an application stops every resource's process. The AppHost's own
            // tests show that nothing at all, DCP included, is left once the AppHost process ends.
            processes = [.. processes.Where(p => p.Command != "dcp")];

            var clock = Stopwatch.StartNew();
            await test.App.StopAsync(timeout.Token);
            await test.App.DisposeAsync();
            var alive = ProcessFamily.Alive(processes);
            while (alive.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(250, timeout.Token);
                alive = ProcessFamily.Alive(processes);
            }

            Assert.True(alive.Count == 0, $"Still running {clock.Elapsed.TotalSeconds:0.0} s after stop: {ProcessFamily.Describe(alive)}");
        }
    }
}
