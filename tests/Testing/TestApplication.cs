using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CustomerPlatform.AppHost.Resources;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Testing;

/// <summary>
/// An Aspire application for one test: DCP runs it on random ports with its own data folder,
/// deleted when the test disposes it (unless the test keeps it for a second start).
/// </summary>
public sealed class TestApplication : IAsyncDisposable
{
    private readonly bool _keepData;

    private TestApplication(DistributedApplication app, string dataDirectory, bool keepData)
    {
        App = app;
        DataDirectory = dataDirectory;
        _keepData = keepData;
    }

    public DistributedApplication App { get; }

    public string DataDirectory { get; }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), $"customerplatform-test-{Guid.NewGuid():N}");

    /// <summary>Declares only what <paramref name="declare"/> adds, starts it and waits until <paramref name="healthy"/> are healthy.</summary>
    public static async Task<TestApplication> StartAsync(
        Action<IDistributedApplicationBuilder> declare, string[] healthy, CancellationToken cancellationToken, string? dataDirectory = null, bool keepData = false)
    {
        dataDirectory ??= NewDataDirectory();
        var builder = AppHostAssembly.Run(() => DistributedApplicationTestingBuilder.Create($"--AppHost:DataDirectory={dataDirectory}"));
        declare(builder);
        return await StartAsync(builder.Build(), healthy, dataDirectory, keepData, cancellationToken);
    }

    /// <summary>Runs the AppHost's own Program.cs with <paramref name="args"/> and waits until <paramref name="healthy"/> are healthy.</summary>
    public static Task<TestApplication> StartAppHostAsync(string[] args, string[] healthy, CancellationToken cancellationToken, bool keepData = false) =>
        StartAppHostAsync(args, healthy, adjust: null, cancellationToken, keepData);

    /// <summary>
    /// Runs the AppHost's own Program.cs with <paramref name="args"/>, lets <paramref name="adjust"/> change its
    /// model (an annotation on every project, a resource more) before it is built, and waits until
    /// <paramref name="healthy"/> are healthy.
    /// </summary>
    public static async Task<TestApplication> StartAppHostAsync(
        string[] args, string[] healthy, Action<IDistributedApplicationTestingBuilder>? adjust, CancellationToken cancellationToken, bool keepData = false)
    {
        var dataDirectory = NewDataDirectory();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.CustomerPlatform_AppHost>(
            [$"--AppHost:DataDirectory={dataDirectory}", .. args], cancellationToken);
        adjust?.Invoke(builder);
        return await StartAsync(await builder.BuildAsync(cancellationToken), healthy, dataDirectory, keepData, cancellationToken);
    }

    private static async Task<TestApplication> StartAsync(
        DistributedApplication app, string[] healthy, string dataDirectory, bool keepData, CancellationToken cancellationToken)
    {
        var test = new TestApplication(app, dataDirectory, keepData);
        try
        {
            await app.StartAsync(cancellationToken);
            await Task.WhenAll(healthy.Select(name => app.ResourceNotifications.WaitForResourceHealthyAsync(name, cancellationToken)));
            return test;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Say which resources were not ready, before disposing stops them all.
            var states = await DescribeAsync(app);
            await test.DisposeAsync();
            throw new TimeoutException($"The platform did not start in time: {states}");
        }
        catch (DistributedApplicationException exception)
        {
            // A resource waited for ended (failed to start) before it was healthy.
            var states = await DescribeAsync(app);
            await test.DisposeAsync();
            throw new InvalidOperationException($"The platform did not start ({exception.Message}): {states}", exception);
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Every resource's state, and the last lines of output of those that ended: why they did. Their
    /// error output is listed apart: it arrives as a stream of its own and can end up above the tail
    /// (a process that dies of an unhandled exception says why only there).
    /// </summary>
    private static async Task<string> DescribeAsync(DistributedApplication app)
    {
        var notifications = app.ResourceNotifications;
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var states = string.Join("; ", model.Resources.Select(resource =>
            notifications.TryGetCurrentState(resource.Name, out var current)
                ? $"{resource.Name} {current.Snapshot.State?.Text ?? "unknown"}, health {current.Snapshot.HealthStatus?.ToString() ?? "unknown"}"
                  + (current.Snapshot.ExitCode is { } exitCode ? $", exit code {exitCode}" : "")
                : $"{resource.Name} never reported"));
        var ended = model.Resources.Where(resource => notifications.TryGetCurrentState(resource.Name, out var current)
            && current.Snapshot.State?.Text is { } state && KnownResourceStates.TerminalStates.Contains(state));
        foreach (var resource in ended)
        {
            var (last, errors) = await LastLinesAsync(app, resource, 30);
            states += $"\n--- the last output of {resource.Name}:\n{string.Join("\n", last)}";
            if (errors.Count > 0)
                states += $"\n--- the last error output of {resource.Name}:\n{string.Join("\n", errors)}";
        }

        return states;
    }

    private static async Task<(IReadOnlyList<string> Last, IReadOnlyList<string> Errors)> LastLinesAsync(
        DistributedApplication app, IResource resource, int count)
    {
        var lines = new Queue<string>();
        var errors = new Queue<string>();
        using var enough = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource).WithCancellation(enough.Token))
            {
                foreach (var line in batch)
                {
                    Keep(line.IsErrorMessage ? errors : lines, line.Content, count);
                }
            }
        }
        catch (OperationCanceledException)
        {
            lines.Enqueue("(the output could not be read in 10 s)");
        }

        return ([.. lines], [.. errors]);
    }

    private static void Keep(Queue<string> lines, string line, int count)
    {
        lines.Enqueue(line);
        if (lines.Count > count)
            lines.Dequeue();
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (!_keepData && Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }
}
