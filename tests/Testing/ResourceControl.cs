using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Testing;

/// <summary>What an SRE does to a resource from the Aspire dashboard, and a crash, for tests.</summary>
public static class ResourceControl
{
    private const string PidProperty = "executable.pid";

    /// <summary>Runs one of the resource's commands (Aspire's <c>resource-stop</c>, <c>resource-start</c>, <c>resource-restart</c>).</summary>
    public static async Task CommandAsync(DistributedApplication app, string name, string command, CancellationToken cancellationToken)
    {
        var resource = Resource(app, name);
        var result = await app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, command, cancellationToken);
        if (!result.Success)
            throw new InvalidOperationException($"'{command}' on {name} failed: {result.Message}");
    }

    /// <summary>
    /// A graceful restart of every replica, one after the other, as the dashboard's Stop then Start on
    /// each row. DCP's own stop gives up waiting after about 15 s and reports a failure, though the process
    /// still ends: on a loaded two-core machine a service's shutdown (5 s alone) can take longer, so this
    /// waits for the end itself before starting the replica again. DCP never escalates a stop to SIGKILL;
    /// a replica still running 30 s after it was asked to stop is killed here, as the old AppHost did
    /// after its grace period (seen once: Identity after the broker had been stopped and started).
    /// </summary>
    public static async Task RestartAsync(DistributedApplication app, string name, CancellationToken cancellationToken)
    {
        var commands = app.Services.GetRequiredService<ResourceCommandService>();
        var replicas = (await CurrentStatesAsync(app, cancellationToken)).Where(s => s.Resource.Name == name).Select(s => s.ResourceId).ToList();
        foreach (var replica in replicas)
        {
            await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StopCommand, cancellationToken);
            var asked = Stopwatch.StartNew();
            var killed = false;
            string? state = null;
            while (true)
            {
                var known = app.ResourceNotifications.TryGetCurrentState(replica, out var current);
                state = known ? current!.Snapshot.State?.Text : null;
                var pid = known ? Pid(current!) : null;
                // After a stop DCP may report "Unknown" rather than "Finished"; the process being gone is what counts.
                if ((state is not null && KnownResourceStates.TerminalStates.Contains(state)) || (pid is { } gone && !IsAlive(gone)))
                    break;

                if (asked.Elapsed > TimeSpan.FromSeconds(30) && pid is { } running)
                {
                    if (killed)
                        throw new InvalidOperationException($"{replica} is still {state} (pid {running}) after a stop and a SIGKILL.");

                    KillServiceOf(running);
                    killed = true;
                    asked.Restart();
                }

                await Task.Delay(250, cancellationToken);
            }

            var started = await commands.ExecuteCommandAsync(replica, KnownResourceCommands.StartCommand, cancellationToken);
            if (!started.Success)
                throw new InvalidOperationException($"Starting {replica} again failed (it was {state}): {started.Message}");
        }

        await app.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, cancellationToken);
    }

    /// <summary>The process id of the resource's (single) process.</summary>
    public static async Task<int> ProcessIdAsync(DistributedApplication app, string name, CancellationToken cancellationToken)
    {
        var running = await app.ResourceNotifications.WaitForResourceAsync(
            name, e => e.Snapshot.State?.Text == KnownResourceStates.Running && Pid(e) is not null, cancellationToken);
        return Pid(running)!.Value;
    }

    /// <summary>
    /// A crash: SIGKILL to the resource's process (no shutdown of any kind), then, once Aspire has seen
    /// it end, a start through Aspire's start command, as an SRE would from the dashboard. A project runs
    /// under <c>dotnet run</c> (DCP starts it so): the service is that process's child, and it is the
    /// service that is killed; <c>dotnet run</c> then ends with it.
    /// </summary>
    public static async Task KillAndStartAsync(DistributedApplication app, string name, CancellationToken cancellationToken)
    {
        var pid = await ProcessIdAsync(app, name, cancellationToken);
        KillServiceOf(pid);

        await app.ResourceNotifications.WaitForResourceAsync(
            name, e => e.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state), cancellationToken);
        await CommandAsync(app, name, KnownResourceCommands.StartCommand, cancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync(name, WaitBehavior.WaitOnResourceUnavailable, cancellationToken);
    }

    /// <summary>The current state of every resource instance (a replica is an instance), as the dashboard lists them.</summary>
    public static async Task<IReadOnlyList<ResourceEvent>> CurrentStatesAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        // WatchAsync replays the latest state of every instance first; it is done when it goes quiet.
        var states = new Dictionary<string, ResourceEvent>();
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        quiet.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(quiet.Token))
            {
                states[update.ResourceId] = update;
                quiet.CancelAfter(TimeSpan.FromSeconds(1));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }

        return [.. states.Values.Where(s => !s.Snapshot.IsHidden)];
    }

    /// <summary>SIGKILL to the service under <c>dotnet run</c> (or to the process itself when it has no child).</summary>
    private static void KillServiceOf(int pid)
    {
        if (ProcessFamily.ChildrenOf(pid) is [var service])
            pid = service.Pid;
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // already gone
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static IResource Resource(DistributedApplication app, string name) =>
        app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == name);

    /// <summary>The environment the resource's process was started with (Linux: <c>/proc/{pid}/environ</c>).</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOf(ResourceEvent resourceEvent)
    {
        var pid = Pid(resourceEvent) ?? throw new InvalidOperationException($"{resourceEvent.ResourceId} has no process.");
        return File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0])
            .ToDictionary(group => group.Key, group => group.Last()[1]);
    }

    private static int? Pid(ResourceEvent resourceEvent) =>
        resourceEvent.Snapshot.Properties.FirstOrDefault(p => p.Name == PidProperty)?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };
}
