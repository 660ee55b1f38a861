using CustomerPlatform.Contracts.Notifications;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Notifications.Tests;

/// <summary>
/// Real PostgreSQL, RabbitMQ and MailDev; the Notifications service in-process; and a second host
/// standing for the other services, which publishes SendEmail and records EmailDelivered / EmailFailed.
/// </summary>
public sealed class NotificationsFixture() : ServiceFixture<NotificationsDbContext, NotificationsDbContext>(
    "notifications-tests",
    [TestServer.Postgres(ResourceNames.Databases.Notifications), TestServer.RabbitMq(), TestServer.MailDev()],
    typeof(EmailDelivered), typeof(EmailFailed))
{
    /// <summary>
    /// Short waits between SMTP attempts: four retries within about 27 s. The long last one leaves a
    /// restarted MailDev time to come up on a busy machine before the retries run out.
    /// </summary>
    public static readonly TimeSpan[] RetryIntervals = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(20)];

    public MailDevClient MailDev { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        MailDev = new MailDevClient(Servers.GetEndpoint(ResourceNames.Mail, "http"));
    }

    protected override void AddSettings(IDictionary<string, string?> settings)
    {
        settings["Smtp:FromAddress"] = "no-reply@customerplatform.test";
        settings["Smtp:FromName"] = "CustomerPlatform";
        settings["Notifications:AppUrl"] = "https://app.customerplatform.test";
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:CustomerPlatform"] = "Information";
        for (var i = 0; i < RetryIntervals.Length; i++)
            settings[$"Notifications:RetryIntervals:{i}"] = RetryIntervals[i].ToString("c");
    }

    public static string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.com";

    /// <summary>Publishes as a sending service would; <paramref name="messageId"/> fixes the message id (a redelivered copy keeps it).</summary>
    public Task PublishAsync(SendEmail request, Guid? messageId = null) =>
        Bus.Publish(request, context =>
        {
            if (messageId is { } id)
                context.MessageId = id;
        });

    public Task<Notification?> ReadAsync(Guid notificationId) =>
        ReadAsync(db => db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == notificationId));

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

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        MailDev?.Dispose();
    }
}
