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

    public void Changed(ResourceRunner runner) => changed(runner);
}
