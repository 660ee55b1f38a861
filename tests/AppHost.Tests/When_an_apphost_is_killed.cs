using System.Diagnostics;
using CustomerPlatform.AppHost.Hosting;

namespace CustomerPlatform.AppHost.Tests;

/// <summary>Runs the AppHost as a separate process, as a developer does, and kills it without warning.</summary>
public sealed class When_an_apphost_is_killed : IAsyncLifetime
{
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromSeconds(90);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"customerplatform-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Should_stop_its_leftovers_and_start_again_despite_a_stale_postgres_lock_file()
    {
        using var first = StartAppHost();
        await WaitForOutputAsync(first, "All 2 resources are healthy");
        var leftovers = RecordedProcesses.Of(_dataDirectory);
        var postmaster = File.ReadLines(Path.Combine(_dataDirectory, "run", "postgres.pid")).First().Split(' ')[0];

        first.Process.Kill(); // SIGKILL: no chance to stop its children
        await first.Process.WaitForExitAsync();
        await Task.Delay(500);
        Assert.True(RecordedProcesses.Alive(leftovers).Count == leftovers.Count, "The children should outlive a killed AppHost.");
        Process.GetProcessById(int.Parse(postmaster)).Kill(); // a crashed server leaves postmaster.pid behind
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "postgres", "data", "postmaster.pid")));

        using var second = StartAppHost();
        await WaitForOutputAsync(second, "All 2 resources are healthy");
        Assert.Contains("Stopped processes left by an earlier run", second.Output);
        var alive = RecordedProcesses.Alive(leftovers);
        Assert.True(alive.Count == 0, $"Leftovers still running: {RecordedProcesses.Describe(alive)}");
        var current = RecordedProcesses.Of(_dataDirectory);

        var clock = Stopwatch.StartNew();
        Libc.Kill(second.Process.Id, Libc.SIGTERM);
        await second.Process.WaitForExitAsync();

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Stopping took {clock.Elapsed}.");
        Assert.Equal(0, second.Process.ExitCode);
        alive = RecordedProcesses.Alive(current);
        Assert.True(alive.Count == 0, $"Still running after SIGTERM: {RecordedProcesses.Describe(alive)}");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_dataDirectory, "run"), "*.pid"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever happened in the test, the servers it started must not outlive it.</summary>
    public async Task DisposeAsync()
    {
        await new LeftoverProcesses(Path.Combine(_dataDirectory, "run")).StopAllAsync();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private AppHostProcess StartAppHost()
    {
        var dll = Path.Combine(RepositoryLayout.AppHostDirectory, "bin", RepositoryLayout.BuildConfiguration, "net10.0", "CustomerPlatform.AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments = [dll, $"--AppHost:DataDirectory={_dataDirectory}", "--AppHost:Only=postgres,messaging",
            $"--AppHost:RabbitMQNodeName=cp-test-{Guid.NewGuid():N}",
            .. typeof(AppHostPorts).GetProperties().Select(p => $"--AppHost:Ports:{p.Name}=0")];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return new AppHostProcess(Process.Start(startInfo)!);
    }

    private static async Task WaitForOutputAsync(AppHostProcess appHost, string text)
    {
        var deadline = DateTime.UtcNow + HealthyTimeout;
        while (!appHost.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !appHost.Process.HasExited, $"No '{text}' in:\n{appHost.Output}");
            await Task.Delay(200);
        }
    }
}
