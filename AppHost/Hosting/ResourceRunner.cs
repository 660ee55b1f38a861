namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Runs one resource: waits for what it waits for, launches its processes, checks their health and
/// stops them. Subclasses only say how to launch and how to check; the states live here.
/// </summary>
/// <remarks>
/// Health is checked every second until the first success, then every five seconds. An instance
/// that was healthy and then fails three checks in a row turns Unhealthy (one failure only shows
/// in the Health column). A process that exits is shown as Exited with its code and is not
/// restarted: a crash loop would hide the cause, and the dashboard's restart is one click away.
/// </remarks>
internal abstract class ResourceRunner : IDisposable
{
    private static readonly TimeSpan FirstCheckInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);
    private const int FailuresBeforeUnhealthy = 3;

    private readonly object _gate = new();
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly List<RunnerInstance> _instances = [];
    private readonly Dictionary<string, int> _ports = [];
    private TaskCompletionSource _changed = NewSignal();
    private CancellationTokenSource _run = new();
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();
    private ResourceState _phase = ResourceState.NotStarted;
    private DateTimeOffset? _startedAt;
    private string? _error;

    protected ResourceRunner(Resource resource, RunnerContext context)
    {
        Resource = resource;
        Context = context;
        Log = new ResourceLog(resource.Name, Path.Combine(context.DataDirectory, "logs", resource.Name + ".log"));
    }

    public Resource Resource { get; }

    public ResourceLog Log { get; }

    protected RunnerContext Context { get; }

    /// <summary>The runners this one waits for before it starts (its WaitFor list and its parent).</summary>
    public IEnumerable<ResourceRunner> Dependencies =>
        Resource.WaitsFor.Concat(Resource.Parent is null ? [] : [Resource.Parent]).Distinct().Select(Context.RunnerOf);

    public bool IsHealthy
    {
        get
        {
            var snapshot = Snapshot();
            return snapshot.State == ResourceState.Running && snapshot.Health == HealthStatus.Healthy;
        }
    }

    /// <summary>Chooses ports and reads or creates secrets, before anything starts, so every connection string is known.</summary>
    public virtual void Prepare()
    {
        foreach (var endpoint in Resource.Endpoints)
        {
            _ports[endpoint.Name] = Context.Ports.Resolve(endpoint.Port);
        }
    }

    public int Port(string endpoint) => _ports[endpoint];

    public ResourceSnapshot Snapshot()
    {
        lock (_gate)
        {
            var state = AggregateState();
            var running = state is ResourceState.Running or ResourceState.Unhealthy;
            var health = !running ? HealthStatus.Unknown
                : _instances.All(i => i.Health == HealthStatus.Healthy) ? HealthStatus.Healthy
                : _instances.Any(i => i.Health == HealthStatus.Unhealthy || i.State == ResourceState.Exited) ? HealthStatus.Unhealthy
                : HealthStatus.Unknown;
            var exitCode = state == ResourceState.Exited && _instances.Count > 0
                ? _instances.Select(i => i.ExitCode ?? 0).FirstOrDefault(c => c != 0)
                : (int?)null;
            return new ResourceSnapshot(
                Resource.Name,
                Resource.Type,
                state,
                health,
                _startedAt,
                [.. Endpoints()],
                Replicas,
                [.. _instances.Select(i => i.ToSnapshot())],
                [.. _environment.Select(e => new EnvironmentVariable(e.Key, e.Value, SecretDetector.IsSecret(e.Key, e.Value)))],
                [.. Dependencies.Select(d => d.Resource.Name)],
                Resource.Parent?.Name,
                exitCode,
                _error);
        }
    }

    /// <summary>Completes at the next change of this resource.</summary>
    public Task WhenChanged
    {
        get
        {
            lock (_gate)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Waits until the resource is Running and Healthy; fails when it failed to start or exited.</summary>
    public async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = WhenChanged;
            var snapshot = Snapshot();
            if (snapshot.State == ResourceState.Running && snapshot.Health == HealthStatus.Healthy)
            {
                return;
            }

            if (snapshot.State is ResourceState.FailedToStart or ResourceState.Exited)
            {
                throw new DistributedApplicationException(DescribeFailure(snapshot));
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        var token = _run.Token;
        try
        {
            if (Snapshot().State is ResourceState.Waiting or ResourceState.Starting or ResourceState.Running or ResourceState.Unhealthy)
            {
                return;
            }

            Reset();
            if (Dependencies.Any(d => !d.IsHealthy))
            {
                SetPhase(ResourceState.Waiting);
                await WaitForDependenciesAsync(token);
            }

            SetPhase(ResourceState.Starting);
            await LaunchAsync(token);
            lock (_gate)
            {
                _startedAt = DateTimeOffset.UtcNow;
            }

            SetPhase(ResourceState.Running);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped while waiting or launching: StopAsync sets the final state.
        }
        catch (Exception exception)
        {
            Log.Add(Resource.Name, isError: true, exception.Message);
            await StopInstancesAsync();
            lock (_gate)
            {
                _error = exception.Message;
            }

            SetPhase(ResourceState.FailedToStart);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Kills every instance's process as a crash would (SIGKILL); the exit watchers record it.</summary>
    public void Kill()
    {
        List<RunnerInstance> instances;
        lock (_gate)
        {
            instances = [.. _instances];
        }

        foreach (var instance in instances)
        {
            instance.Process?.Kill();
        }
    }

    public async Task StopAsync()
    {
        await _run.CancelAsync();
        await _lifecycle.WaitAsync();
        try
        {
            var wasStarted = _phase is ResourceState.Starting or ResourceState.Running;
            await StopInstancesAsync();
            if (wasStarted || _phase == ResourceState.Waiting)
            {
                SetPhase(wasStarted ? ResourceState.Exited : ResourceState.NotStarted);
            }
        }
        finally
        {
            // Not disposed: a concurrent StopAsync may still cancel it (cancelling twice is harmless).
            _run = new CancellationTokenSource();
            _lifecycle.Release();
        }
    }

    public void Dispose()
    {
        _lifecycle.Dispose();
        Log.Dispose();
    }

    protected virtual int Replicas => 1;

    /// <summary>How long a clean shutdown may take before the process group is killed.</summary>
    protected virtual TimeSpan StopTimeout => TimeSpan.FromSeconds(7);

    /// <summary>Creates the processes (through <see cref="StartProcess"/> and <see cref="AddInstance"/>).</summary>
    protected abstract Task LaunchAsync(CancellationToken cancellationToken);

    /// <summary>Stops helpers that outlive the instances (RabbitMQ's epmd).</summary>
    protected virtual Task AfterInstancesStoppedAsync() => Task.CompletedTask;

    protected virtual IEnumerable<ResourceEndpoint> Endpoints() =>
        Resource.Endpoints.Where(e => _ports.ContainsKey(e.Name))
            .Select(e => new ResourceEndpoint(e.Name, $"{e.Scheme}://127.0.0.1:{_ports[e.Name]}", e.IsExternal));

    /// <summary>The variables given to the processes, shown (secrets masked) on the dashboard.</summary>
    protected void ShowEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        lock (_gate)
        {
            _environment = environment;
        }
    }

    /// <summary>Starts a process of this resource, with the variables set by WithEnvironment on top of the spec's.</summary>
    protected ChildProcess StartProcess(ProcessSpec spec)
    {
        var environment = new Dictionary<string, string>(spec.Environment);
        foreach (var (name, value) in Resource.Environment)
        {
            environment[name] = value;
        }

        return ChildProcess.Start(spec with { Environment = environment }, Context.Processes, (line, isError) => Log.Add(spec.InstanceId, isError, line));
    }

    /// <summary>Adds a running instance and starts watching its health and its exit.</summary>
    protected void AddInstance(RunnerInstance instance, Func<CancellationToken, Task<bool>> healthCheck)
    {
        lock (_gate)
        {
            _instances.Add(instance);
        }

        Notify();
        var token = _run.Token;
        _ = Task.Run(() => CheckHealthAsync(instance, healthCheck, token), CancellationToken.None);
        if (instance.Process is { } process)
        {
            _ = Task.Run(() => WatchExitAsync(instance, process, token), CancellationToken.None);
        }
    }

    private void Reset()
    {
        lock (_gate)
        {
            _instances.Clear();
            _error = null;
            _startedAt = null;
        }
    }

    private async Task WaitForDependenciesAsync(CancellationToken cancellationToken)
    {
        foreach (var dependency in Dependencies)
        {
            try
            {
                await dependency.WaitUntilHealthyAsync(cancellationToken);
            }
            catch (DistributedApplicationException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DistributedApplicationException($"'{dependency.Resource.Name}', which {Resource.Name} waits for, did not become healthy.");
            }
        }
    }

    private async Task CheckHealthAsync(RunnerInstance instance, Func<CancellationToken, Task<bool>> healthCheck, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && instance.State != ResourceState.Exited)
        {
            bool healthy;
            try
            {
                healthy = await healthCheck(cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                healthy = false;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_gate)
            {
                if (cancellationToken.IsCancellationRequested || instance.State == ResourceState.Exited)
                {
                    return;
                }

                instance.ConsecutiveFailures = healthy ? 0 : instance.ConsecutiveFailures + 1;
                instance.WasHealthy |= healthy;
                instance.Health = healthy ? HealthStatus.Healthy : HealthStatus.Unhealthy;
                instance.State = !healthy && instance.WasHealthy && instance.ConsecutiveFailures >= FailuresBeforeUnhealthy
                    ? ResourceState.Unhealthy
                    : ResourceState.Running;
            }

            Notify();
            try
            {
                await Task.Delay(instance.WasHealthy ? CheckInterval : FirstCheckInterval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WatchExitAsync(RunnerInstance instance, ChildProcess process, CancellationToken cancellationToken)
    {
        var exitCode = await process.Exited;
        if (!cancellationToken.IsCancellationRequested)
        {
            Log.Add(instance.Id, isError: exitCode != 0, $"Process {process.Pid} exited with code {exitCode}.");
            await process.StopAsync(StopTimeout);
        }

        lock (_gate)
        {
            instance.State = ResourceState.Exited;
            instance.Health = HealthStatus.Unknown;
            instance.ExitCode = exitCode;
        }

        Notify();
    }

    private async Task StopInstancesAsync()
    {
        List<RunnerInstance> instances;
        lock (_gate)
        {
            instances = [.. _instances];
        }

        await Task.WhenAll(instances.Where(i => i.Process is not null).Select(i => i.Process!.StopAsync(StopTimeout)));
        await AfterInstancesStoppedAsync();
        lock (_gate)
        {
            foreach (var instance in instances.Where(i => i.Process is null))
            {
                instance.State = ResourceState.Exited;
                instance.Health = HealthStatus.Unknown;
            }
        }

        Notify();
    }

    private ResourceState AggregateState()
    {
        if (_phase != ResourceState.Running || _instances.Count == 0)
        {
            return _phase;
        }

        return _instances.All(i => i.State == ResourceState.Exited) ? ResourceState.Exited
            : _instances.Any(i => i.State == ResourceState.Unhealthy) ? ResourceState.Unhealthy
            : ResourceState.Running;
    }

    private string DescribeFailure(ResourceSnapshot snapshot)
    {
        var lastLines = Log.GetLines(0).TakeLast(15).Select(l => "  " + l.Text);
        var reason = snapshot.Error ?? $"exited with code {snapshot.ExitCode}";
        return $"Resource '{Resource.Name}' is {snapshot.State}: {reason}{Environment.NewLine}{string.Join(Environment.NewLine, lastLines)}";
    }

    private void SetPhase(ResourceState phase)
    {
        lock (_gate)
        {
            _phase = phase;
        }

        Notify();
    }

    private void Notify()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        Context.Changed(this);
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
