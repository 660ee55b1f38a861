using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CustomerPlatform.ServiceDefaults;
using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

/// <summary>
/// The scheduler plugged into <c>AddMessaging</c> (consumer outbox and inbox, retry) through
/// <c>options.AddPostgresScheduler&lt;TDbContext&gt;()</c>: a saga whose first attempt schedules its timeout and
/// then fails must not leave that schedule behind; the retried attempt's schedule fires and transitions it.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_a_saga_schedules_inside_the_outbox(MessagingFixture fixture, ITestOutputHelper output)
{
    private const string SchedulerQueue = "scheduling-test-outbox-scheduler";
    private const string SagaQueue = "scheduling-test-outbox-saga";

    [Fact]
    public async Task Should_send_only_the_schedule_of_the_attempt_that_committed()
    {
        // The scheduler table and saga table come from SchedulingDbContext's migration; the outbox
        // tables from the fixture's (same database).
        await (await SchedulingHost.StartAsync(fixture)).DisposeAsync();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "scheduling-outbox-tests" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:sagas"] = fixture.PostgresConnectionString,
            ["ConnectionStrings:messaging"] = fixture.RabbitMqConnectionString,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:MassTransit"] = "None",
            ["Logging:LogLevel:CustomerPlatform"] = "Debug",
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        builder.AddPostgresDbContext<OutboxSchedulingDbContext>("sagas");
        builder.AddMessaging<OutboxSchedulingDbContext>(
            bus => bus.AddSagaStateMachine<FailOnceApprovalStateMachine, ApprovalState>().Endpoint(endpoint => endpoint.Name = SagaQueue),
            options => options.AddPostgresScheduler<OutboxSchedulingDbContext>(SchedulerQueue, scheduler => scheduler.PollInterval = TimeSpan.FromMilliseconds(500)));

        using var host = builder.Build();
        var bus = host.Services.GetRequiredService<IBus>();
        var schedules = new ScheduleObserver();
        bus.ConnectConsumeMessageObserver(schedules);
        await host.StartAsync();
        try
        {
            var id = Guid.NewGuid();
            var clock = Stopwatch.StartNew();
            await bus.Publish(new RequestApproval(id, ReminderDelayMs: 1000));

            var reminded = await SchedulingHost.WaitForAsync(() => ReadAsync(host, id), s => s?.CurrentState == "Reminded", TimeSpan.FromSeconds(20), "the reminder");
            output.WriteLine($"reminded {clock.ElapsedMilliseconds} ms after the request");
            await Task.Delay(TimeSpan.FromSeconds(2));

            Assert.Equal(2, FailOnceApprovalStateMachine.Attempts[id]);
            Assert.Equal(1, schedules.Count(id)); // the failed attempt's ScheduleMessage was never sent
            Assert.NotNull(reminded);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<ApprovalState?> ReadAsync(IHost host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OutboxSchedulingDbContext>().Set<ApprovalState>()
            .AsNoTracking().SingleOrDefaultAsync(s => s.CorrelationId == id);
    }

    private sealed class ScheduleObserver : IConsumeMessageObserver<ScheduleMessage>
    {
        private readonly ConcurrentBag<string> _payloads = [];

        public int Count(Guid id) => _payloads.Count(payload => payload.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase));

        public Task PreConsume(ConsumeContext<ScheduleMessage> context)
        {
            _payloads.Add(context.Message.Payload is JsonElement payload ? payload.GetRawText() : "");
            return Task.CompletedTask;
        }

        public Task PostConsume(ConsumeContext<ScheduleMessage> context) => Task.CompletedTask;

        public Task ConsumeFault(ConsumeContext<ScheduleMessage> context, Exception exception) => Task.CompletedTask;
    }
}

/// <summary>A service's DbContext with everything AddMessaging needs: outbox/inbox tables, scheduler table, saga.</summary>
public sealed class OutboxSchedulingDbContext(DbContextOptions<OutboxSchedulingDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddSchedulerTable(SchedulingDbContext.SchedulerTable);
        modelBuilder.MapSaga<ApprovalState>("scheduling_test_approval_saga", saga => saga.Property(s => s.CurrentState).HasMaxLength(64));
    }
}

/// <summary>Schedules its reminder, then fails its first attempt: the retry (AddMessaging's) runs it again.</summary>
public sealed class FailOnceApprovalStateMachine : MassTransitStateMachine<ApprovalState>
{
    public static ConcurrentDictionary<Guid, int> Attempts { get; } = new();

    public FailOnceApprovalStateMachine()
    {
        InstanceState(saga => saga.CurrentState);
        Event(() => Requested, e => e.CorrelateById(m => m.Message.ApprovalId));
        Schedule(() => Reminder, saga => saga.ReminderTokenId, schedule =>
        {
            schedule.Delay = TimeSpan.FromSeconds(1);
            schedule.Received = e => e.CorrelateById(m => m.Message.ApprovalId);
        });

        Initially(
            When(Requested)
                .Schedule(Reminder, context => new ApprovalReminder(context.Saga.CorrelationId),
                    context => TimeSpan.FromMilliseconds(context.Message.ReminderDelayMs))
                .Then(context =>
                {
                    if (Attempts.AddOrUpdate(context.Saga.CorrelationId, 1, (_, attempts) => attempts + 1) == 1)
                        throw new InvalidOperationException("The first attempt fails after scheduling, on purpose");
                })
                .TransitionTo(Waiting));

        During(Waiting, When(Reminder.Received).TransitionTo(Reminded));
    }

    public State Waiting { get; private set; } = null!;
    public State Reminded { get; private set; } = null!;
    public Event<RequestApproval> Requested { get; private set; } = null!;
    public Schedule<ApprovalState, ApprovalReminder> Reminder { get; private set; } = null!;
}
