using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// The running model: starts every resource as a child process, exposes them to the dashboard
/// through <see cref="Monitor"/>, and stops them all (in reverse dependency order, within about
/// fifteen seconds) on Ctrl+C, SIGTERM, <see cref="StopAsync"/> or dispose.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly Orchestrator _orchestrator;
    private readonly ResourceMonitor _monitor;
    private readonly ConsoleReporter _console;
    private readonly IReadOnlyList<IAppHostComponent> _components;
    private readonly TestingHook? _testingHook;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private DataDirectoryLock? _lock;
    private bool _started;
    private bool _disposed;

    internal DistributedApplication(
        DistributedApplicationOptions options, IReadOnlyList<Resource> resources, IReadOnlyList<IAppHostComponent> components, TestingHook? testingHook)
    {
        Options = options;
        _components = components;
        _testingHook = testingHook;
        _orchestrator = new Orchestrator(resources, options, OnChanged);
        _monitor = new ResourceMonitor(_orchestrator);
        _console = new ConsoleReporter(_monitor.GetResources, () => _components.SelectMany(c => c.GetUrls()));
    }

    public DistributedApplicationOptions Options { get; }

    public IResourceMonitor Monitor => _monitor;

    /// <summary>The labelled URLs of the hosted components, e.g. ("Dashboard", its login link with the browser token).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Urls => _components.SelectMany(c => c.GetUrls()).ToList();

    /// <summary>Creates the builder; under <see cref="DistributedApplicationTestingBuilder.StartAsync{TEntryPoint}"/> it carries test options.</summary>
    public static IDistributedApplicationBuilder CreateBuilder(string[] args) =>
        TestingHook.Current is { } hook
            ? new DistributedApplicationBuilder(args, hook.TestDefaults, hook)
            : new DistributedApplicationBuilder(args, testDefaults: null, testingHook: null);

    /// <summary>
    /// Checks the fixed ports, stops leftovers of a killed earlier run, then starts every resource
    /// (each waits for its dependencies in the background). Fails fast with a
    /// <see cref="DistributedApplicationException"/> when a fixed port is taken.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            if (_started)
            {
                return;
            }

            _console.Started();
            _lock = DataDirectoryLock.Acquire(Options.DataDirectory!);
            var leftovers = await _orchestrator.Processes.StopAllAsync();
            if (leftovers.Count > 0)
            {
                Report($"Stopped processes left by an earlier run: {string.Join(", ", leftovers)}.");
            }

            CheckFixedPorts();
            _orchestrator.Prepare();
            _started = true;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
            foreach (var component in _components)
            {
                await component.StartAsync(this, cancellationToken);
            }

            _orchestrator.StartAll();
        }
        catch
        {
            await StopCoreAsync();
            throw;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops every resource (dependents first) and the components; leaves no process behind.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts, waits for Ctrl+C or SIGTERM (or <paramref name="cancellationToken"/>), then stops.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        if (_testingHook is not null)
        {
            _testingHook.Deliver(this);
            return;
        }

        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        try
        {
            await StartAsync(stopping.Token); // on failure it has already stopped what it started
        }
        catch (DistributedApplicationException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            Environment.ExitCode = 1;
            return;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stopping.Token);
        }
        catch (OperationCanceledException)
        {
            Report("Stopping…");
        }

        var clock = Stopwatch.StartNew();
        await StopAsync(CancellationToken.None);
        Report($"Stopped in {clock.Elapsed.TotalSeconds:0.0} s.");

        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // the runtime must not exit before the children are stopped
            stopping.Cancel();
        }
    }

    public void Run() => RunAsync().GetAwaiter().GetResult();

    /// <summary>The value given to referencing projects as <c>ConnectionStrings__name</c>; null for projects. Known once started.</summary>
    public Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Task.FromResult(RunnerOf(resourceName) is IConnectionStringSource source ? source.ConnectionString : null);

    /// <summary>The URL of an endpoint (e.g. "http", "management", "smtp"); for projects "http" is the first replica.</summary>
    public Uri GetEndpoint(string resourceName, string endpointName = "http")
    {
        var snapshot = RunnerOf(resourceName).Snapshot();
        var endpoint = snapshot.Endpoints.FirstOrDefault(e => e.Name == endpointName)
            ?? (endpointName == "http" ? snapshot.Endpoints.FirstOrDefault(e => e.Name.StartsWith("http-", StringComparison.Ordinal)) : null)
            ?? throw new ArgumentException($"'{resourceName}' has no endpoint '{endpointName}' (it has: {string.Join(", ", snapshot.Endpoints.Select(e => e.Name))}).");
        return new Uri(endpoint.Url);
    }

    /// <summary>Waits until the resource is Running and Healthy; throws with its last log lines if it failed or exited.</summary>
    public Task WaitForResourceHealthyAsync(string resourceName, CancellationToken cancellationToken = default) =>
        RunnerOf(resourceName).WaitUntilHealthyAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await StopAsync();
        _disposed = true;
        _orchestrator.Dispose();
        _lifecycle.Dispose();
        if (Options.DeleteDataDirectoryOnDispose && Directory.Exists(Options.DataDirectory))
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
    }

    private ResourceRunner RunnerOf(string resourceName) =>
        _orchestrator.Find(resourceName) ?? throw new ArgumentException($"There is no resource named '{resourceName}'.", nameof(resourceName));

    private void CheckFixedPorts()
    {
        var fixedPorts = _orchestrator.FixedPorts.Concat(_components.SelectMany(c => c.FixedPorts)).ToList();
        foreach (var duplicate in fixedPorts.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            throw new DistributedApplicationException(
                $"Port {duplicate.Key} is configured for {string.Join(" and ", duplicate.Select(p => p.Owner))}. Give each its own port.");
        }

        foreach (var port in fixedPorts.Where(p => !PortAllocator.IsFree(p.Port)))
        {
            var fix = port.Setting.Length == 0
                ? "Change the port given to it in Program.cs"
                : $"Set AppHost:{port.Setting} (env AppHost__{port.Setting.Replace(":", "__", StringComparison.Ordinal)}) to a free port, or 0 for any free port";
            throw new DistributedApplicationException($"Port {port.Port} ({port.Owner}) is already in use. {fix}.");
        }
    }

    private async Task StopCoreAsync()
    {
        if (!_started)
        {
            _lock?.Dispose();
            _lock = null;
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await _orchestrator.StopAllAsync();
        foreach (var component in _components.Reverse())
        {
            await component.StopAsync(CancellationToken.None);
        }

        _started = false;
        _lock?.Dispose();
        _lock = null;
    }

    /// <summary>A host exiting without stopping us (a test run that forgot to dispose) must not leave servers running.</summary>
    private void OnProcessExit(object? sender, EventArgs e) => StopCoreAsync().Wait(TimeSpan.FromSeconds(15));

    private void OnChanged(ResourceRunner runner)
    {
        _monitor?.Publish(runner);
        if (Options.ConsoleOutput)
        {
            _console?.OnChanged(runner.Snapshot());
        }
    }

    private void Report(string message)
    {
        if (Options.ConsoleOutput)
        {
            _console.Write(message);
        }
    }
}
