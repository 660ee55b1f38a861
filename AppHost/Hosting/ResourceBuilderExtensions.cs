namespace CustomerPlatform.AppHost.Hosting;

/// <summary>The relations every resource supports: references (configuration) and waits (start order).</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>
    /// Gives the resource the configuration of <paramref name="source"/>: <c>ConnectionStrings__name</c>
    /// for servers and databases, <c>services__name__http__i</c> for projects.
    /// </summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> source)
        where T : Resource
    {
        if (!builder.Resource.References.Contains(source.Resource))
        {
            builder.Resource.References.Add(source.Resource);
        }

        return builder;
    }

    /// <summary>Keeps the resource Waiting until <paramref name="dependency"/> is Running and Healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<Resource> dependency)
        where T : Resource
    {
        if (!builder.Resource.WaitsFor.Contains(dependency.Resource))
        {
            builder.Resource.WaitsFor.Add(dependency.Resource);
        }

        return builder;
    }

    /// <summary>Sets an environment variable of the resource's processes (overrides the AppHost's own values).</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.Environment[name] = value;
        return builder;
    }

    /// <summary>
    /// Sets an environment variable to the http URL of <paramref name="project"/> (its first replica),
    /// e.g. the gateway's public origin for Identity's issuer. Not a dependency: it neither waits for
    /// the project nor pulls it into <c>AppHost:Only</c>; left unset when the project does not run.
    /// </summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, IResourceBuilder<ProjectResource> project)
        where T : Resource
    {
        builder.Resource.UrlEnvironment[name] = project.Resource;
        return builder;
    }
}
