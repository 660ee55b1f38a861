using System.Collections.Concurrent;
using CustomerPlatform.Contracts.Identity;
using CustomerPlatform.Contracts.Notifications;
using MassTransit;

namespace CustomerPlatform.Identity.Tests;

/// <summary>
/// A bus of its own on the real broker with one queue bound to what Identity publishes (SendEmail,
/// CustomerSignedUp, EmailVerified, StaffAccountChanged, CustomerEmailChanged), standing in for Notifications, Onboarding and Ticketing.
/// </summary>
public sealed class MessageRecorder : IAsyncDisposable
{
    private const string Queue = "identity-tests-recorder";

    private readonly IBusControl _bus;

    public ConcurrentQueue<SendEmail> Emails { get; } = new();
    public ConcurrentQueue<CustomerSignedUp> SignUps { get; } = new();
    public ConcurrentQueue<EmailVerified> Verifications { get; } = new();
    public ConcurrentQueue<StaffAccountChanged> StaffChanges { get; } = new();
    public ConcurrentQueue<CustomerEmailChanged> EmailChanges { get; } = new();

    private MessageRecorder(Uri amqp)
    {
        var credentials = amqp.UserInfo.Split(':', 2);
        var virtualHost = amqp.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        _bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(amqp.Host, (ushort)amqp.Port, virtualHost, host =>
            {
                host.Username(Uri.UnescapeDataString(credentials[0]));
                host.Password(Uri.UnescapeDataString(credentials[1]));
            });
            rabbit.ReceiveEndpoint(Queue, endpoint =>
            {
                endpoint.Handler<SendEmail>(context => Record(Emails, context.Message));
                endpoint.Handler<CustomerSignedUp>(context => Record(SignUps, context.Message));
                endpoint.Handler<EmailVerified>(context => Record(Verifications, context.Message));
                endpoint.Handler<StaffAccountChanged>(context => Record(StaffChanges, context.Message));
                endpoint.Handler<CustomerEmailChanged>(context => Record(EmailChanges, context.Message));
            });
        });
    }

    public static async Task<MessageRecorder> StartAsync(Uri amqp)
    {
        var recorder = new MessageRecorder(amqp);
        await recorder._bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return recorder;
    }

    /// <summary>The first recorded message that matches, waiting for it to arrive (the outbox delivers after the commit).</summary>
    public static async Task<T> WaitForAsync<T>(ConcurrentQueue<T> queue, Func<T, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (queue.FirstOrDefault(match) is { } found)
                return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No {typeof(T).Name} matching the test arrived.");
    }

    public ValueTask DisposeAsync() => new(_bus.StopAsync());

    private static Task Record<T>(ConcurrentQueue<T> queue, T message)
    {
        queue.Enqueue(message);
        return Task.CompletedTask;
    }
}
