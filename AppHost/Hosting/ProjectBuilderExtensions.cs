namespace CustomerPlatform.AppHost.Hosting;

public static class ProjectBuilderExtensions
{
    /// <summary>A project of the repository; <paramref name="projectPath"/> is its .csproj, relative to the AppHost project folder.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var resource = new ProjectResource(name, Path.GetFullPath(Path.Combine(RepositoryLayout.AppHostDirectory, projectPath)));
        resource.Endpoints.Add(new EndpointSpec("http", "http", 0, isExternal: false, setting: null));
        return builder.AddResource(resource);
    }

    /// <summary>Runs <paramref name="replicas"/> processes, each on its own port.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> builder, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        builder.Resource.Replicas = replicas;
        return builder;
    }

    /// <summary>
    /// Makes the http endpoint one a person opens, optionally on a fixed port (one replica only).
    /// <paramref name="portSetting"/> is the AppHost configuration key that changes the port
    /// (e.g. <c>Ports:Gateway</c>), named when the port is taken.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoint(
        this IResourceBuilder<ProjectResource> builder, int? port = null, string? portSetting = null)
    {
        var http = builder.Resource.Endpoints.Single(e => e.Name == "http");
        http.IsExternal = true;
        http.Port = port ?? 0;
        http.Setting = portSetting;
        return builder;
    }
}
