using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CustomerPlatform.AppHost.Tests;

/// <summary>The AppHost as a developer runs it: started, killed without warning, started again, stopped with SIGTERM.</summary>
public sealed class When_the_apphost_process_runs : IDisposable
{
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromSeconds(120);
    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    [Fact]
    public async Task Should_leave_nothing_behind_when_killed_start_again_and_stop_within_fifteen_seconds_on_sigterm()
    {
        using var first = AppHostProcess.Start(_dataDirectory);
        await first.WaitForOutputAsync("resources are healthy", HealthyTimeout);
        Assert.Contains($"http://localhost:{first.DashboardPort}/login?t=", first.Output);
        using (var dashboard = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var page = await dashboard.GetAsync($"http://localhost:{first.DashboardPort}/");
            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.Found, $"The dashboard answered {page.StatusCode}.");
        }

        var children = ProcessFamily.Of(_dataDirectory);
        foreach (var command in new[] { "dcp", "Aspire.Dashboar", "postgres", "beam.smp", "epmd", "node" })
            Assert.Contains(children, p => p.Command == command);

        first.Process.Kill(); // SIGKILL: the AppHost gets no chance to stop anything; DCP sees it gone
        await first.Process.WaitForExitAsync();
        await WaitUntilGoneAsync(children, TimeSpan.FromSeconds(45), "after the AppHost was killed");

        using var second = AppHostProcess.Start(_dataDirectory);
        await second.WaitForOutputAsync("resources are healthy", HealthyTimeout);
        var current = ProcessFamily.Of(_dataDirectory);

        var clock = Stopwatch.StartNew();
        Process.Start("kill", ["-TERM", $"{second.Process.Id}"])!.WaitForExit();
        await second.Process.WaitForExitAsync();
        await WaitUntilGoneAsync(current, TimeSpan.FromSeconds(15) - clock.Elapsed, "after SIGTERM");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Stopping took {clock.Elapsed}.");
    }

    [Fact]
    public async Task Should_stop_everything_within_fifteen_seconds_when_ctrl_c_is_typed_in_its_terminal()
    {
        using var appHost = AppHostProcess.Start(_dataDirectory, onTerminal: true);
        await appHost.WaitForOutputAsync("resources are healthy", HealthyTimeout);
        var family = ProcessFamily.Of(_dataDirectory);
        Assert.Contains(family, p => p.Command == "dcp");
        Assert.Contains(family, p => p.Command == "beam.smp");

        var clock = Stopwatch.StartNew();
        appHost.TypeCtrlC();
        await WaitUntilGoneAsync(family, TimeSpan.FromSeconds(15), "after Ctrl+C");
        await appHost.Process.WaitForExitAsync();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Stopping took {clock.Elapsed}.");
        Assert.Equal(0, appHost.Process.ExitCode);
    }

    [Fact]
    public async Task Should_stop_at_once_naming_a_fixed_port_that_is_taken_and_its_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var clock = Stopwatch.StartNew();

        using var appHost = AppHostProcess.Start(_dataDirectory, ("Postgres", port));
        await appHost.Process.WaitForExitAsync();

        Assert.NotEqual(0, appHost.Process.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Took {clock.Elapsed}.");
        Assert.Contains($"Port {port} is already in use", appHost.Output);
        Assert.Contains("AppHost__Ports__Postgres", appHost.Output);
        Assert.Empty(ProcessFamily.Of(_dataDirectory));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }

    private static async Task WaitUntilGoneAsync(IReadOnlyList<ProcessFamily.Member> processes, TimeSpan timeout, string when)
    {
        var clock = Stopwatch.StartNew();
        var alive = ProcessFamily.Alive(processes);
        while (alive.Count > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(250);
            alive = ProcessFamily.Alive(processes);
        }

        Assert.True(alive.Count == 0, $"Still running {clock.Elapsed.TotalSeconds:0.0} s {when}: {ProcessFamily.Describe(alive)}");
    }
}
