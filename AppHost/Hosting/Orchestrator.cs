namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// Owns the runners: creates one per resource, starts them all at once (each waits for its own
/// dependencies) and stops them in reverse dependency order, each as soon as its dependents are down.
/// </summary>
internal sealed class Orchestrator : IDisposable
{
    private readonly Dictionary<Resource, ResourceRunner> _runners = [];

    public Orchestrator(IReadOnlyList<Resource> resources, DistributedApplicationOptions options, Action<ResourceRunner> changed)
    {
        Processes = new LeftoverProcesses(Path.Combine(options.DataDirectory!, "run"));
        var context = new RunnerContext(options, Processes, new PortAllocator(), resource => _runners[resource], changed);
        foreach (var resource in resources)
        {
            _runners[resource] = resource switch
            {
                PostgresServerResource postgres => new PostgresRunner(postgres, context),
                PostgresDatabaseResource database => new PostgresDatabaseRunner(database, context),
                RabbitMQServerResource rabbit => new RabbitMQRunner(rabbit, context),
                MailDevResource mail => new MailDevRunner(mail, context),
                ProjectResource project => new ProjectRunner(project, context),
                _ => throw new NotSupportedException($"No runner for {resource.GetType().Name}."),
            };
        }
    }

    public LeftoverProcesses Processes { get; }

    public IReadOnlyCollection<ResourceRunner> Runners => _runners.Values;

    public ResourceRunner? Find(string name) =>
        _runners.Values.FirstOrDefault(r => string.Equals(r.Resource.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every fixed port with who binds it and the setting that changes it.</summary>
    public IEnumerable<FixedPort> FixedPorts =>
        _runners.Keys.SelectMany(r => r.Endpoints.Where(e => e.Port > 0).Select(e => new FixedPort(e.Port, r.Name, e.Setting ?? "")));

    public void Prepare()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Prepare();
        }
    }

    /// <summary>Starts every runner; returns without waiting for those still waiting for their dependencies.</summary>
    public void StartAll()
    {
        foreach (var runner in _runners.Values)
        {
            _ = Task.Run(() => runner.StartAsync(CancellationToken.None));
        }
    }

    public async Task StopAllAsync()
    {
        var stops = new Dictionary<ResourceRunner, Task>();
        await Task.WhenAll(_runners.Values.Select(StopAfterDependents));

        Task StopAfterDependents(ResourceRunner runner)
        {
            lock (stops)
            {
                if (!stops.TryGetValue(runner, out var stop))
                {
                    var dependents = _runners.Values.Where(r => r.Resource.Requirements.Contains(runner.Resource)).ToList();
                    stop = StopAsync(runner, dependents);
                    stops[runner] = stop;
                }

                return stop;
            }
        }

        async Task StopAsync(ResourceRunner runner, List<ResourceRunner> dependents)
        {
            await Task.Yield();
            await Task.WhenAll(dependents.Select(StopAfterDependents));
            await runner.StopAsync();
        }
    }

    public void Dispose()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Dispose();
        }
    }
}
