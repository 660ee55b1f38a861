using System.Net.Http.Headers;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ from the AppHost's resource code; the Ticketing service in-process
/// (<see cref="TicketingFactory"/>); and a second host standing for the other services, which publishes
/// OpenTicket and StaffAccountChanged and collects what Ticketing publishes on its own queue.
/// </summary>
public sealed class TicketingFixture : IAsyncLifetime
{
    private IHost _others = null!;

    public DistributedApplication App { get; private set; } = null!;
    public TicketingFactory Service { get; private set; } = null!;
    public PublishedEvents Events { get; } = new();
    public IBus Others => _others.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres(ResourceNames.Postgres).AddDatabase(ResourceNames.Databases.Ticketing);
        builder.AddRabbitMQ(ResourceNames.Messaging);
        App = builder.Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(
            App.WaitForResourceHealthyAsync(ResourceNames.Databases.Ticketing, timeout.Token),
            App.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token));

        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Ticketing}"] = await App.GetConnectionStringAsync(ResourceNames.Databases.Ticketing),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = await App.GetConnectionStringAsync(ResourceNames.Messaging),
            ["Ticketing:AppUrl"] = "https://app.customerplatform.test",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CustomerPlatform"] = "Information",
        };

        // The other services' side starts first, so its queue is bound before anything is published.
        var others = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "ticketing-tests" });
        others.Configuration.AddInMemoryCollection(settings);
        others.Services.AddSingleton(Events);
        others.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        others.AddRabbitMqMessaging(ResourceNames.Messaging, bus => bus.AddConsumer<PublishedEventsConsumer>());
        _others = others.Build();
        await _others.StartAsync();

        Service = new TicketingFactory(settings);
        _ = Service.Services; // starts the service: migrations, bus
    }

    public static OpenTicket NewTicket(Guid customerId, Guid? assigneeId, string? email = "ann@example.com") => new()
    {
        TicketId = Guid.NewGuid(),
        CustomerId = customerId,
        CustomerEmail = email,
        CustomerName = "Ann Example",
        AssigneeId = assigneeId,
        Kind = TicketKinds.OnboardingQuestion,
        Subject = "How do I invite my team?",
        Body = "I cannot find where to invite my colleagues.",
        RequestedAt = DateTimeOffset.UtcNow,
        CorrelationId = customerId,
    };

    /// <summary>Publishes as Onboarding would, and waits until the ticket is stored.</summary>
    public async Task<OpenTicket> OpenAsync(OpenTicket command)
    {
        await Others.Publish(command);
        await WaitUntilAsync(async db => await db.Tickets.AnyAsync(t => t.Id == command.TicketId), $"ticket {command.TicketId}");
        return command;
    }

    /// <summary>Publishes as Identity would, and waits until the directory has the change.</summary>
    public async Task<Guid> AddStaffAsync(string displayName, params string[] roles)
    {
        var staffId = Guid.NewGuid();
        var changedAt = DateTimeOffset.UtcNow;
        await Others.Publish(new StaffAccountChanged
        {
            StaffId = staffId,
            Email = $"{staffId:N}@customerplatform.test",
            DisplayName = displayName,
            Roles = roles,
            Active = true,
            ChangedAt = changedAt,
        });
        await WaitUntilAsync(async db => await db.Staff.AnyAsync(s => s.Id == staffId && s.DisplayName == displayName), $"staff {staffId}");
        return staffId;
    }

    public HttpClient CreateClient(Guid user, params string[] roles)
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user.ToString());
        if (roles.Length > 0)
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async Task<T> ReadAsync<T>(Func<TicketingDbContext, Task<T>> read)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<TicketingDbContext>());
    }

    public async Task WaitUntilAsync(Func<TicketingDbContext, Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await ReadAsync(done))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Never saw {what}.");
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
