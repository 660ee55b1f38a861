using System.Net.Http.Headers;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>
/// Real PostgreSQL, RabbitMQ and MailDev from the AppHost's resource code; the Notifications service
/// in-process (<see cref="NotificationsFactory"/>); and a second host standing for the other services,
/// which publishes SendEmail and collects EmailDelivered / EmailFailed on its own queue.
/// </summary>
public sealed class NotificationsFixture : IAsyncLifetime
{
    /// <summary>
    /// Short waits between SMTP attempts: four retries within about 27 s. The long last one leaves a
    /// restarted MailDev time to come up on a busy machine before the retries run out.
    /// </summary>
    public static readonly TimeSpan[] RetryIntervals = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20)];

    private IHost _sender = null!;

    public DistributedApplication App { get; private set; } = null!;
    public NotificationsFactory Service { get; private set; } = null!;
    public MailDevClient MailDev { get; private set; } = null!;
    public EmailEvents Events { get; } = new();
    public IBus Sender => _sender.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres(ResourceNames.Postgres).AddDatabase(ResourceNames.Databases.Notifications);
        builder.AddRabbitMQ(ResourceNames.Messaging);
        builder.AddMailDev(ResourceNames.Mail);
        App = builder.Build();
        await App.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(
            App.WaitForResourceHealthyAsync(ResourceNames.Databases.Notifications, timeout.Token),
            App.WaitForResourceHealthyAsync(ResourceNames.Messaging, timeout.Token),
            App.WaitForResourceHealthyAsync(ResourceNames.Mail, timeout.Token));

        MailDev = new MailDevClient(App.GetEndpoint(ResourceNames.Mail, "http"));
        var settings = new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{ResourceNames.Databases.Notifications}"] = await App.GetConnectionStringAsync(ResourceNames.Databases.Notifications),
            [$"ConnectionStrings:{ResourceNames.Messaging}"] = await App.GetConnectionStringAsync(ResourceNames.Messaging),
            [$"ConnectionStrings:{ResourceNames.Mail}"] = await App.GetConnectionStringAsync(ResourceNames.Mail),
            ["Smtp:FromAddress"] = "no-reply@customerplatform.test",
            ["Smtp:FromName"] = "CustomerPlatform",
            ["Notifications:AppUrl"] = "https://app.customerplatform.test",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CustomerPlatform"] = "Information",
        };
        for (var i = 0; i < RetryIntervals.Length; i++)
            settings[$"Notifications:RetryIntervals:{i}"] = RetryIntervals[i].ToString("c");

        // The other services' side starts first, so its queue is bound before any event is published.
        var sender = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "notifications-tests" });
        sender.Configuration.AddInMemoryCollection(settings);
        sender.Services.AddSingleton(Events);
        sender.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        sender.AddRabbitMqMessaging(ResourceNames.Messaging, bus => bus.AddConsumer<EmailEventsConsumer>());
        _sender = sender.Build();
        await _sender.StartAsync();

        Service = new NotificationsFactory(settings);
        _ = Service.Services; // starts the service: migrations, bus, scheduler
    }

    public static string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    /// <summary>Publishes as a sending service would; <paramref name="messageId"/> fixes the message id (a redelivered copy keeps it).</summary>
    public Task PublishAsync(SendEmail request, Guid? messageId = null) =>
        Sender.Publish(request, context =>
        {
            if (messageId is { } id)
                context.MessageId = id;
        });

    public HttpClient CreateClient(Guid user, params string[] roles)
    {
        var client = Service.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.UserHeader, user.ToString());
        if (roles.Length > 0)
            client.DefaultRequestHeaders.Add(TestAuthHandler.RolesHeader, string.Join(',', roles));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async Task<Notification?> ReadAsync(Guid notificationId)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        return await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == notificationId);
    }

    /// <summary>Polls the notification's row (as another reader sees it) until <paramref name="done"/> holds.</summary>
    public async Task<Notification> WaitForAsync(Guid notificationId, Func<Notification, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var notification = await ReadAsync(notificationId);
            if (notification is not null && done(notification))
                return notification;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(
                    $"Notification {notificationId} never got there; last seen: {notification?.Status} after {notification?.Attempts} attempts ({notification?.LastError}).");
            await Task.Delay(50);
        }
    }

    public async Task SeedAsync(params Notification[] notifications)
    {
        await using var scope = Service.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        db.Notifications.AddRange(notifications);
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await _sender.StopAsync();
        _sender.Dispose();
        MailDev.Dispose();
        await App.DisposeAsync();
    }
}
