using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace CustomerPlatform.AppHost.Hosting;

internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private readonly List<Resource> _resources = [];
    private readonly List<IAppHostComponent> _components = [];
    private readonly TestingHook? _testingHook;

    /// <param name="testDefaults">Configuration layered above environment variables and below arguments (test runs).</param>
    public DistributedApplicationBuilder(string[] args, IReadOnlyDictionary<string, string?>? testDefaults, TestingHook? testingHook)
    {
        _testingHook = testingHook;
        var configuration = new ConfigurationManager();
        configuration.SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (testDefaults is not null)
        {
            configuration.AddInMemoryCollection(testDefaults);
        }

        configuration.AddCommandLine(args);
        Configuration = configuration;
        Options = configuration.GetSection("AppHost").Get<DistributedApplicationOptions>() ?? new DistributedApplicationOptions();
        Options.DataDirectory = Path.GetFullPath(Options.DataDirectory ?? Path.Combine(RepositoryLayout.Root, ".apphost"));
        Options.RabbitMQNodeName ??= "customerplatform-" + ShortHash(Options.DataDirectory);
    }

    public IConfiguration Configuration { get; }

    public DistributedApplicationOptions Options { get; }

    public IReadOnlyList<Resource> Resources => _resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' is already declared.");
        }

        _resources.Add(resource);
        return new ResourceBuilder<T>(resource, this);
    }

    public void AddComponent(IAppHostComponent component) => _components.Add(component);

    public DistributedApplication Build() =>
        new(Options, SelectResources(), [.. _components], _testingHook);

    /// <summary>Applies <see cref="DistributedApplicationOptions.Only"/>: the named resources and everything they need.</summary>
    private List<Resource> SelectResources()
    {
        var names = (Options.Only ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            return [.. _resources];
        }

        var selected = new HashSet<Resource>();
        var pending = new Stack<Resource>(names.Select(Find));
        while (pending.TryPop(out var resource))
        {
            if (selected.Add(resource))
            {
                foreach (var required in resource.Requirements)
                {
                    pending.Push(required);
                }
            }
        }

        return [.. _resources.Where(selected.Contains)];
    }

    private Resource Find(string name) =>
        _resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new DistributedApplicationException(
            $"AppHost:Only names '{name}', which is not a resource. Resources: {string.Join(", ", _resources.Select(r => r.Name))}.");

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
