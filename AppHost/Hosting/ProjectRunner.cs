namespace CustomerPlatform.AppHost.Hosting;

/// <summary>
/// A project run from its build output (<c>dotnet bin/&lt;Configuration&gt;/net10.0/&lt;name&gt;.dll</c>),
/// one process per replica, each on its own port, with the Aspire environment contract.
/// </summary>
internal sealed class ProjectRunner(ProjectResource resource, RunnerContext context) : ResourceRunner(resource, context)
{
    private readonly List<int> _ports = [];

    /// <summary>One URL per replica, as given to referencing projects in <c>services__name__http__i</c>.</summary>
    public IReadOnlyList<string> ReplicaUrls => [.. _ports.Select(p => $"http://127.0.0.1:{p}")];

    protected override int Replicas => resource.Replicas;

    protected override TimeSpan StopTimeout => TimeSpan.FromSeconds(3);

    private EndpointSpec Http => resource.Endpoints.Single(e => e.Name == "http");

    public override void Prepare()
    {
        if (Http.Port != 0 && resource.Replicas > 1)
        {
            throw new DistributedApplicationException($"'{resource.Name}' has a fixed port ({Http.Port}) and {resource.Replicas} replicas; a fixed port allows one.");
        }

        _ports.Clear();
        _ports.AddRange(Enumerable.Range(0, resource.Replicas).Select(_ => Context.Ports.Resolve(Http.Port)));
    }

    protected override IEnumerable<ResourceEndpoint> Endpoints() =>
        ReplicaUrls.Select((url, i) => new ResourceEndpoint(_ports.Count == 1 ? "http" : $"http-{i}", url, Http.IsExternal));

    protected override Task LaunchAsync(CancellationToken cancellationToken)
    {
        var projectDirectory = Path.GetDirectoryName(resource.ProjectPath)!;
        var assemblyName = Path.GetFileNameWithoutExtension(resource.ProjectPath);
        var dll = Path.Combine(projectDirectory, "bin", RepositoryLayout.BuildConfiguration, "net10.0", assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new DistributedApplicationException(
                $"{dll} is missing: build the project first (dotnet build -c {RepositoryLayout.BuildConfiguration} {resource.ProjectPath}).");
        }

        var dotnet = Executables.OnPath("dotnet", "Install the .NET 10 SDK.");
        for (var replica = 0; replica < _ports.Count; replica++)
        {
            var environment = EnvironmentFor(replica);
            if (replica == 0)
            {
                ShowEnvironment(environment);
            }

            var id = $"{resource.Name}-{replica}";
            var url = ReplicaUrls[replica];
            var process = StartProcess(new ProcessSpec(id, dotnet, [dll], environment, projectDirectory));
            AddInstance(new RunnerInstance(id, process, url), ct => HealthProbes.HttpOkAsync($"{url}/health", ct));
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, string> EnvironmentFor(int replica)
    {
        var options = Context.Options;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_URLS"] = ReplicaUrls[replica],
            ["ASPNETCORE_ENVIRONMENT"] = options.ProjectEnvironment,
            ["DOTNET_ENVIRONMENT"] = options.ProjectEnvironment,
            ["OTEL_SERVICE_NAME"] = resource.Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={resource.Name}-{replica}",
        };
        if (!string.IsNullOrEmpty(options.OtlpEndpoint))
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = options.OtlpEndpoint;
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        }

        foreach (var reference in resource.References)
        {
            switch (Context.RunnerOf(reference))
            {
                case IConnectionStringSource source:
                    environment[$"ConnectionStrings__{reference.Name}"] = source.ConnectionString;
                    break;
                case ProjectRunner project:
                    for (var i = 0; i < project.ReplicaUrls.Count; i++)
                    {
                        environment[$"services__{reference.Name}__http__{i}"] = project.ReplicaUrls[i];
                    }

                    break;
            }
        }

        foreach (var (name, project) in resource.UrlEnvironment)
        {
            if (Context.TryRunnerOf(project) is ProjectRunner { ReplicaUrls.Count: > 0 } runner)
            {
                environment[name] = runner.ReplicaUrls[0];
            }
        }

        foreach (var (name, value) in resource.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }
}
