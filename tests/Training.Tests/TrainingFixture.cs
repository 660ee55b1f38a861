using System.Net.Http.Headers;
using System.Net.Http.Json;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts.Training;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Training.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ from the AppHost's resource code, the Training service in-process, and a
/// second host standing for Onboarding: it publishes the commands and collects the events on its own queue.
/// </summary>
public sealed class TrainingFixture : IAsyncLifetime
{
    private IHost _onboarding = null!;

    public DistributedApplication App { get; private set; } = null!;
    public TrainingFactory Service { get; private set; } = null!;
    public TrainingEventLog Events { get; } = new();
    public IBus Bus => _onboarding.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres(ResourceNames.Postgres).AddDatabase(ResourceNames.Databases.Training);
        builder.AddRabbitMQ(ResourceNames.Messaging);
        App = builder.Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(
            App.WaitForResourceHealthyAsync(ResourceNames.Databases.Training, timeout.Token),
            App.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token));

        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Training}"] = await App.GetConnectionStringAsync(ResourceNames.Databases.Training),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = await App.GetConnectionStringAsync(ResourceNames.Messaging),
            ["Logging:LogLevel:Default"] = "Warning",
        };

        var onboarding = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "training-tests" });
        onboarding.Configuration.AddInMemoryCollection(settings);
        onboarding.Services.AddSingleton(Events);
        onboarding.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        onboarding.AddRabbitMqMessaging(ResourceNames.Messaging, bus => bus.AddConsumer<TrainingEventsConsumer>());
        _onboarding = onboarding.Build();
        await _onboarding.StartAsync();

        Service = new TrainingFactory(settings);
        _ = Service.Services;
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

    /// <summary>Enrolls a new customer through the bus, as Onboarding does, and returns the CustomerEnrolled answer.</summary>
    public async Task<CustomerEnrolled> EnrollAsync(Guid customerId, string level = CourseLevels.Initial, Guid? correlationId = null)
    {
        await Bus.Publish(new EnrollInCourse { CustomerId = customerId, Level = level, CorrelationId = correlationId });
        return await Events.WaitForAsync<CustomerEnrolled>(e => e.CustomerId == customerId && e.Level == level);
    }

    public async Task<T> QueryAsync<T>(Func<TrainingDbContext, Task<T>> query)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TrainingDbContext>());
    }

    public Task<int> AttemptCountAsync(Guid enrollmentId) =>
        QueryAsync(db => db.QuizAttempts.CountAsync(a => a.EnrollmentId == enrollmentId));

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _onboarding.StopAsync();
        _onboarding.Dispose();
        await App.DisposeAsync();
    }
}
