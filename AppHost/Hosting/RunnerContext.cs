namespace CustomerPlatform.AppHost.Hosting;

/// <summary>What every runner shares: options, folders, the pid registry, ports and the change signal.</summary>
internal sealed class RunnerContext(
    DistributedApplicationOptions options,
    LeftoverProcesses processes,
    PortAllocator ports,
    Func<Resource, ResourceRunner> runnerOf,
    Action<ResourceRunner> changed)
{
    public DistributedApplicationOptions Options { get; } = options;

    public string DataDirectory => Options.DataDirectory!;

    public LeftoverProcesses Processes { get; } = processes;

    public PortAllocator Ports { get; } = ports;

    public ResourceRunner RunnerOf(Resource resource) => runnerOf(resource);

    /// <summary>The runner of <paramref name="resource"/>, or null when it is not part of this run (<c>AppHost:Only</c>).</summary>
    public ResourceRunner? TryRunnerOf(Resource resource)
    {
        try
        {
            return runnerOf(resource);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    public void Changed(ResourceRunner runner) => changed(runner);
}
