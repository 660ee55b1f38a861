using System.Collections.Concurrent;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

public sealed record Ping(Guid PingId, string Text);

/// <summary>Records every Ping it receives, with the message id and scheduling token it came with.</summary>
public sealed class PingConsumer : IConsumer<Ping>
{
    public const string Queue = "scheduling-test-ping";

    public const string Header = "X-Test-Header";

    public static ConcurrentDictionary<Guid, ConcurrentQueue<(Guid? MessageId, Guid? TokenId, string Text, string? Header)>> Received { get; } = new();

    public Task Consume(ConsumeContext<Ping> context)
    {
        Received.GetOrAdd(context.Message.PingId, _ => new()).Enqueue(
            (context.MessageId, context.GetSchedulingTokenId(), context.Message.Text, context.Headers.Get<string>(Header)));
        return Task.CompletedTask;
    }

    public static int Count(Guid pingId) => Received.TryGetValue(pingId, out var received) ? received.Count : 0;
}

public sealed record FlakyWork(Guid WorkId, int FailuresBeforeSuccess);

/// <summary>Fails the first attempts of each work item, so the endpoint's scheduled redelivery has to bring it back.</summary>
public sealed class FlakyConsumer : IConsumer<FlakyWork>
{
    public const string Queue = "scheduling-test-flaky";

    public static ConcurrentDictionary<Guid, ConcurrentQueue<(Guid? MessageId, int RedeliveryCount)>> Attempts { get; } = new();

    public Task Consume(ConsumeContext<FlakyWork> context)
    {
        var attempts = Attempts.GetOrAdd(context.Message.WorkId, _ => new());
        attempts.Enqueue((context.MessageId, context.GetRedeliveryCount()));
        if (attempts.Count <= context.Message.FailuresBeforeSuccess)
            throw new InvalidOperationException($"Attempt {attempts.Count} of {context.Message.WorkId} fails on purpose");
        return Task.CompletedTask;
    }
}

/// <summary>Counts the reminders that reach the saga's queue, whether or not the saga accepts them.</summary>
public sealed class ReminderObserver : IConsumeMessageObserver<ApprovalReminder>
{
    public static ConcurrentDictionary<Guid, int> Counts { get; } = new();

    public Task PreConsume(ConsumeContext<ApprovalReminder> context)
    {
        Counts.AddOrUpdate(context.Message.ApprovalId, 1, (_, count) => count + 1);
        return Task.CompletedTask;
    }

    public Task PostConsume(ConsumeContext<ApprovalReminder> context) => Task.CompletedTask;

    public Task ConsumeFault(ConsumeContext<ApprovalReminder> context, Exception exception) => Task.CompletedTask;

    public static int Count(Guid approvalId) => Counts.TryGetValue(approvalId, out var count) ? count : 0;
}

/// <summary>
/// One process of a service that hosts its own scheduler (queue, table, dispatcher) on the shared
/// PostgreSQL and RabbitMQ of <see cref="MessagingFixture"/>, wired through ServiceDefaults as a service is.
/// Several can run and be stopped one after the other: the rows and queues outlive them.
/// </summary>
public sealed class SchedulingHost : IAsyncDisposable
{
    public const string SchedulerQueue = "scheduling-test-scheduler";
    public const string SagaQueue = "scheduling-test-approval-saga";

    private readonly IHost _host;

    private SchedulingHost(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    /// <param name="sendObserver">Watches (and may hold) every send of the host's bus, the dispatcher's included.</param>
    /// <param name="sendTimeout">The dispatcher's bound on one send, when not the default.</param>
    public static async Task<SchedulingHost> StartAsync(MessagingFixture fixture, ISendObserver? sendObserver = null, TimeSpan? sendTimeout = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "scheduling-tests" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:sagas"] = fixture.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = fixture.RabbitMqConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:CustomerPlatform"] = "Debug",
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddPostgresDbContext<SchedulingDbContext>("sagas");
        builder.AddRabbitMqMessaging("messaging", bus =>
        {
            bus.AddPostgresMessageScheduler<SchedulingDbContext>(SchedulerQueue, options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(500);
                if (sendTimeout is { } timeout)
                    options.SendTimeout = timeout;
            });
            bus.AddConsumer<PingConsumer>().Endpoint(endpoint => endpoint.Name = PingConsumer.Queue);
            bus.AddConsumer<FlakyConsumer>(consumer => consumer.UseScheduledRedelivery(retry => retry.Intervals(500, 500)))
                .Endpoint(endpoint => endpoint.Name = FlakyConsumer.Queue);
            bus.AddSagaStateMachine<ApprovalStateMachine, ApprovalState>()
                .PostgresRepository<ApprovalState, SchedulingDbContext>()
                .Endpoint(endpoint => endpoint.Name = SagaQueue);
        });

        var host = builder.Build();
        host.Services.GetRequiredService<IBus>().ConnectConsumeMessageObserver(new ReminderObserver());
        if (sendObserver is not null)
            host.Services.GetRequiredService<IBus>().ConnectSendObserver(sendObserver);
        await host.StartAsync();
        return new SchedulingHost(host);
    }

    public async Task<ScheduledMessage<Ping>> SchedulePingAsync(Ping ping, TimeSpan delay, string? header = null)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<IMessageScheduler>();
        return await scheduler.ScheduleSend(new Uri($"queue:{PingConsumer.Queue}"), DateTime.UtcNow + delay, ping,
            Pipe.Execute<SendContext<Ping>>(context => context.Headers.Set(PingConsumer.Header, header)));
    }

    /// <summary>A ScheduleMessage sent straight to the scheduler queue, as any scheduling client would.</summary>
    public async Task SendScheduleMessageAsync(Guid tokenId, Ping ping, TimeSpan delay)
    {
        var scheduler = await Bus.GetSendEndpoint(new Uri($"queue:{SchedulerQueue}"));
        await scheduler.Send<MassTransit.Scheduling.ScheduleMessage>(new MassTransit.Scheduling.ScheduleMessageCommand<Ping>(
            DateTime.UtcNow + delay, new Uri($"queue:{PingConsumer.Queue}"), ping, tokenId));
    }

    public async Task CancelAsync(Guid tokenId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var scheduler = scope.ServiceProvider.GetRequiredService<IMessageScheduler>();
        await scheduler.CancelScheduledSend(new Uri($"queue:{PingConsumer.Queue}"), tokenId);
    }

    /// <summary>The scheduler's row for a token: (exists, is a cancel tombstone, the id its message will carry).</summary>
    public async Task<(bool Exists, bool Cancelled, Guid? MessageId)> ReadRowAsync(Guid tokenId)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        var row = await db.Set<CustomerPlatform.Messaging.Scheduling.ScheduledMessageRow>().AsNoTracking().SingleOrDefaultAsync(r => r.TokenId == tokenId);
        return (row is not null, row?.Cancelled ?? false, row?.MessageId);
    }

    public async Task<ApprovalState?> ReadApprovalAsync(Guid id)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulingDbContext>();
        return await db.Approvals.AsNoTracking().SingleOrDefaultAsync(a => a.CorrelationId == id);
    }

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{what} never happened; last seen: {value}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
