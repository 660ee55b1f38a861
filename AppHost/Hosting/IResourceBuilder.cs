namespace CustomerPlatform.AppHost.Hosting;

/// <summary>Fluent access to one declared resource, as in Aspire.</summary>
public interface IResourceBuilder<out T>
    where T : Resource
{
    T Resource { get; }

    IDistributedApplicationBuilder ApplicationBuilder { get; }
}
