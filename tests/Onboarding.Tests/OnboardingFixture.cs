using System.Net.Http.Headers;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ from the AppHost's resource code; the Onboarding service in-process
/// (<see cref="OnboardingFactory"/>), with timeouts shortened to seconds; and a second host standing
/// for the other services: it publishes their events and records what Onboarding publishes.
/// </summary>
public sealed class OnboardingFixture : IAsyncLifetime
{
    public static readonly TimeSpan ApprovalReminder = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan IdleReminder = TimeSpan.FromSeconds(5);

    private readonly List<Guid> _successManagers = [];
    private IHost _others = null!;
    private Dictionary<string, string?> _settings = null!;

    public DistributedApplication App { get; private set; } = null!;
    public OnboardingFactory Service { get; private set; } = null!;
    public Recorded Recorded { get; } = new();
    public IBus Bus => _others.Services.GetRequiredService<IBus>();
    public Guid AdminId { get; } = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres(ResourceNames.Postgres).AddDatabase(ResourceNames.Databases.Onboarding);
        builder.AddRabbitMQ(ResourceNames.Messaging);
        App = builder.Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(
            App.WaitForResourceHealthyAsync(ResourceNames.Databases.Onboarding, timeout.Token),
            App.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token));

        _settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Onboarding}"] = await App.GetConnectionStringAsync(ResourceNames.Databases.Onboarding),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = await App.GetConnectionStringAsync(ResourceNames.Messaging),
            ["Onboarding:AppOrigin"] = "https://app.customerplatform.test",
            ["Onboarding:Timeouts:ApprovalReminder"] = ApprovalReminder.ToString("c"),
            ["Onboarding:Timeouts:IdleReminder"] = IdleReminder.ToString("c"),
            ["Onboarding:Timeouts:SuccessManagerRetry"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CustomerPlatform"] = "Warning",
        };

        // The other services' side starts first, so its queue is bound before Onboarding publishes.
        var others = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "onboarding-tests" });
        others.Configuration.AddInMemoryCollection(_settings);
        others.Services.AddSingleton(Recorded);
        others.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        others.AddRabbitMqMessaging(ResourceNames.Messaging, bus => bus.AddConsumer<RecorderConsumer>());
        _others = others.Build();
        await _others.StartAsync();

        Service = new OnboardingFactory(_settings);
        _ = Service.Services;

        await PublishStaffAsync(AdminId, [Roles.Admin], active: true);
        await WaitForStaffAsync(AdminId, active: true);
    }

    /// <summary>Stops the service and starts a new one on the same database and queues.</summary>
    public async Task RestartServiceAsync(Func<Task>? whileDown = null)
    {
        await Service.DisposeAsync();
        if (whileDown is not null)
            await whileDown();
        Service = new OnboardingFactory(_settings);
        _ = Service.Services;
    }

    public HttpClient Client(Guid user, params string[] roles)
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user.ToString());
        if (roles.Length > 0)
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public HttpClient Admin() => Client(AdminId, Roles.Admin);

    /// <summary>Makes exactly these CSMs active (every CSM an earlier test added is deactivated), so assignment is predictable.</summary>
    public async Task UseOnlySuccessManagersAsync(params Guid[] ids)
    {
        foreach (var old in _successManagers.Except(ids))
            await PublishStaffAsync(old, [Roles.SuccessManager], active: false);
        foreach (var id in ids)
            await PublishStaffAsync(id, [Roles.SuccessManager], active: true);
        foreach (var old in _successManagers.Except(ids))
            await WaitForStaffAsync(old, active: false);
        foreach (var id in ids)
            await WaitForStaffAsync(id, active: true);
        _successManagers.AddRange(ids.Except(_successManagers));
    }

    public Task PublishStaffAsync(Guid id, string[] roles, bool active) => Bus.Publish(new StaffAccountChanged
    {
        StaffId = id,
        Email = $"staff-{id:N}@customerplatform.test",
        DisplayName = $"Staff {id.ToString()[..8]}",
        Roles = roles,
        Active = active,
        ChangedAt = DateTimeOffset.UtcNow,
    });

    public async Task<T> ReadAsync<T>(Func<OnboardingDbContext, Task<T>> read)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<OnboardingDbContext>());
    }

    private async Task WaitForStaffAsync(Guid id, bool active)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await ReadAsync(db => db.Staff.AsNoTracking().AnyAsync(s => s.Id == id && s.Active == active)) is false)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Staff {id} never became active={active}.");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _others.StopAsync();
        _others.Dispose();
        await App.DisposeAsync();
    }
}
