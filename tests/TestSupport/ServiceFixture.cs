using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.TestSupport;

/// <summary>
/// A service in-process on real servers: <see cref="Servers"/> (from <see cref="TestServers"/>), the
/// service (<see cref="ServiceFactory{TEntryPoint}"/>) and the other services' side
/// (<see cref="StandInServices"/>), which publishes to it through <see cref="Bus"/> and records what it
/// publishes in <see cref="Events"/>. A fixture names its servers and recorded types and adds its settings.
/// </summary>
/// <param name="name">The stand-in host's name, e.g. "ticketing-tests" (its queue: "ticketing-tests-recorder").</param>
/// <param name="servers">The servers the service needs; their connection strings become its settings.</param>
/// <param name="recorded">The message types the service publishes that the tests look at.</param>
public abstract class ServiceFixture<TEntryPoint, TDbContext>(string name, TestServer[] servers, params Type[] recorded) : IAsyncLifetime
    where TEntryPoint : class
    where TDbContext : DbContext
{
    private readonly Dictionary<string, string?> _settings = [];
    private StandInServices _others = null!;

    public TestServers Servers { get; private set; } = null!;
    public ServiceFactory<TEntryPoint> Service { get; private set; } = null!;
    public EventRecorder Events { get; } = new(recorded);

    /// <summary>The other services' bus: what a test publishes here reaches the service as theirs would.</summary>
    public IBus Bus => _others.Bus;

    public virtual async Task InitializeAsync()
    {
        Servers = await TestServers.StartAsync(servers);
        foreach (var (key, value) in Servers.ConnectionStringSettings)
            _settings[key] = value;
        AddSettings(_settings);

        // The other services' side starts first, so its queue is bound before the service publishes.
        _others = await StandInServices.StartAsync(name, _settings, Events);
        Service = StartService();
    }

    /// <summary>The service's settings besides the servers' connection strings.</summary>
    protected abstract void AddSettings(IDictionary<string, string?> settings);

    /// <summary>Stops the service and starts a new one on the same database and queues.</summary>
    public async Task RestartServiceAsync(Func<Task>? whileDown = null)
    {
        await Service.DisposeAsync();
        if (whileDown is not null)
            await whileDown();
        Service = StartService();
    }

    /// <summary>A client signed in as <paramref name="user"/> in <paramref name="roles"/>.</summary>
    public HttpClient CreateClient(Guid user, params string[] roles) => Service.CreateClient(user, roles);

    /// <summary>Reads the service's database through a scope of its own.</summary>
    public async Task<T> ReadAsync<T>(Func<TDbContext, Task<T>> read)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TDbContext>());
    }

    public virtual async Task DisposeAsync()
    {
        if (Service is not null)
            await Service.DisposeAsync();
        if (_others is not null)
            await _others.DisposeAsync();
        if (Servers is not null)
            await Servers.DisposeAsync();
    }

    private ServiceFactory<TEntryPoint> StartService()
    {
        var service = new ServiceFactory<TEntryPoint>(_settings);
        _ = service.Services; // starts the service: migrations, bus
        return service;
    }
}
