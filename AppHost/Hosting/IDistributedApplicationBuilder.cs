using Microsoft.Extensions.Configuration;

namespace CustomerPlatform.AppHost.Hosting;

/// <summary>Declares the resources of the platform; <see cref="Build"/> turns them into a runnable application.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>appsettings.json, environment variables and command-line arguments.</summary>
    IConfiguration Configuration { get; }

    /// <summary>The <c>AppHost</c> configuration section (ports, data folder…); test options already applied.</summary>
    DistributedApplicationOptions Options { get; }

    IReadOnlyList<Resource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource;

    /// <summary>Adds something that lives as long as the application, e.g. the dashboard.</summary>
    void AddComponent(IAppHostComponent component);

    DistributedApplication Build();
}
