using System.Diagnostics;
using Xunit.Abstractions;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

/// <summary>
/// The durable scheduler on real PostgreSQL and RabbitMQ: each test runs one or two processes of a
/// service that hosts its own scheduler queue, table and dispatcher (<see cref="SchedulingHost"/>).
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_messages_are_scheduled(MessagingFixture fixture, ITestOutputHelper output)
{
    /// <summary>Past a due time, how long we keep watching for a message that must not come (or come again).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Should_send_a_schedule_stored_before_a_restart_once_after_it()
    {
        var clock = Stopwatch.StartNew();
        var ping = new Ping(Guid.NewGuid(), "survives a restart");
        var delay = TimeSpan.FromSeconds(4);
        Guid tokenId;
        Guid? storedMessageId;
        DateTime due;

        await using (var first = await SchedulingHost.StartAsync(fixture))
        {
            var scheduled = await first.SchedulePingAsync(ping, delay, header: "kept");
            tokenId = scheduled.TokenId;
            due = scheduled.ScheduledTime;
            var row = await SchedulingHost.WaitForAsync(() => first.ReadRowAsync(tokenId), row => row.Exists, TimeSpan.FromSeconds(10), "storing the schedule");
            storedMessageId = row.MessageId;
        } // the scheduling process stops, well before the message is due

        Assert.True(DateTime.UtcNow < due, "the first process ran past the due time: the restart proves nothing");
        Assert.Equal(0, PingConsumer.Count(ping.PingId));

        await using var second = await SchedulingHost.StartAsync(fixture);
        await SchedulingHost.WaitForAsync(() => Task.FromResult(PingConsumer.Count(ping.PingId)), count => count > 0, TimeSpan.FromSeconds(20), "the ping");
        var late = DateTime.UtcNow - due;
        await Task.Delay(Margin);

        var received = PingConsumer.Received[ping.PingId].ToArray();
        output.WriteLine($"delivered {late.TotalMilliseconds:F0} ms after its due time; {clock.ElapsedMilliseconds} ms in all");
        Assert.Single(received);
        Assert.True(late >= TimeSpan.Zero, "sent before its due time");
        Assert.Equal(tokenId, received[0].TokenId);
        Assert.Equal(ping.Text, received[0].Text);
        Assert.Equal("kept", received[0].Header);
        Assert.NotNull(received[0].MessageId);
        Assert.Equal(storedMessageId, received[0].MessageId);
        Assert.False((await second.ReadRowAsync(tokenId)).Exists, "the row of a sent message must be deleted");
    }

    [Fact]
    public async Task Should_never_send_a_cancelled_schedule()
    {
        await using var host = await SchedulingHost.StartAsync(fixture);
        var cancelled = new Ping(Guid.NewGuid(), "cancelled");
        var control = new Ping(Guid.NewGuid(), "control, due after the cancelled one");

        var scheduled = await host.SchedulePingAsync(cancelled, TimeSpan.FromSeconds(2));
        await host.SchedulePingAsync(control, TimeSpan.FromSeconds(3));
        await SchedulingHost.WaitForAsync(() => host.ReadRowAsync(scheduled.TokenId), row => row.Exists, TimeSpan.FromSeconds(10), "storing the schedule");
        await host.CancelAsync(scheduled.TokenId);
        await SchedulingHost.WaitForAsync(() => host.ReadRowAsync(scheduled.TokenId), row => !row.Exists, TimeSpan.FromSeconds(10), "deleting the cancelled schedule");

        // The control proves the dispatcher was running past the cancelled one's due time.
        await SchedulingHost.WaitForAsync(() => Task.FromResult(PingConsumer.Count(control.PingId)), count => count > 0, TimeSpan.FromSeconds(20), "the control ping");
        await Task.Delay(Margin);

        Assert.True(DateTime.UtcNow > scheduled.ScheduledTime + Margin);
        Assert.Equal(0, PingConsumer.Count(cancelled.PingId));
        Assert.Equal(1, PingConsumer.Count(control.PingId));
    }

    [Fact]
    public async Task Should_drop_a_schedule_whose_cancel_arrived_first()
    {
        await using var host = await SchedulingHost.StartAsync(fixture);
        var ping = new Ping(Guid.NewGuid(), "cancelled before it was stored");
        var tokenId = Guid.NewGuid();

        // Cancel a token the scheduler has never seen: it leaves a tombstone, so the late schedule is not stored.
        await host.CancelAsync(tokenId);
        await SchedulingHost.WaitForAsync(() => host.ReadRowAsync(tokenId), row => row.Cancelled, TimeSpan.FromSeconds(10), "the tombstone");
        await host.SendScheduleMessageAsync(tokenId, ping, TimeSpan.FromSeconds(1));

        await Task.Delay(TimeSpan.FromSeconds(1) + Margin);
        Assert.Equal(0, PingConsumer.Count(ping.PingId));
        var tombstone = await host.ReadRowAsync(tokenId);
        Assert.True(tombstone is { Exists: true, Cancelled: true });
    }

    [Fact]
    public async Task Should_store_a_schedule_delivered_twice_once_and_send_it_once()
    {
        await using var host = await SchedulingHost.StartAsync(fixture);
        var ping = new Ping(Guid.NewGuid(), "scheduled twice with one token");
        var tokenId = Guid.NewGuid();

        await host.SendScheduleMessageAsync(tokenId, ping, TimeSpan.FromSeconds(1));
        await host.SendScheduleMessageAsync(tokenId, ping, TimeSpan.FromSeconds(1));

        await SchedulingHost.WaitForAsync(() => Task.FromResult(PingConsumer.Count(ping.PingId)), count => count > 0, TimeSpan.FromSeconds(20), "the ping");
        await Task.Delay(Margin);
        Assert.Equal(1, PingConsumer.Count(ping.PingId));
    }

    [Fact]
    public async Task Should_redeliver_a_failed_message_through_the_scheduler_with_its_id_and_count()
    {
        await using var host = await SchedulingHost.StartAsync(fixture);
        var work = new FlakyWork(Guid.NewGuid(), FailuresBeforeSuccess: 2);
        var clock = Stopwatch.StartNew();

        await host.Bus.Publish(work);
        await SchedulingHost.WaitForAsync(
            () => Task.FromResult(FlakyConsumer.Attempts.TryGetValue(work.WorkId, out var attempts) ? attempts.Count : 0),
            count => count >= 3, TimeSpan.FromSeconds(20), "the third attempt");
        output.WriteLine($"succeeded on its second redelivery after {clock.ElapsedMilliseconds} ms");
        await Task.Delay(Margin);

        var attempts = FlakyConsumer.Attempts[work.WorkId].ToArray();
        Assert.Equal([0, 1, 2], attempts.Select(a => a.RedeliveryCount));
        Assert.Single(attempts.Select(a => a.MessageId).Distinct());
        Assert.Equal(0, await fixture.Management.CountMessagesAsync($"{FlakyConsumer.Queue}_error"));
    }

    [Fact]
    public async Task Should_fire_a_saga_timeout_and_transition_the_saga()
    {
        await using var host = await SchedulingHost.StartAsync(fixture);
        var id = Guid.NewGuid();
        var clock = Stopwatch.StartNew();

        await host.Bus.Publish(new RequestApproval(id, ReminderDelayMs: 1500));
        var waiting = await SchedulingHost.WaitForAsync(() => host.ReadApprovalAsync(id), s => s?.CurrentState == "Waiting", TimeSpan.FromSeconds(10), "the saga waiting");
        Assert.NotNull(waiting!.ReminderTokenId);

        var reminded = await SchedulingHost.WaitForAsync(() => host.ReadApprovalAsync(id), s => s?.CurrentState == "Reminded", TimeSpan.FromSeconds(20), "the reminder");
        output.WriteLine($"timeout transitioned the saga {clock.ElapsedMilliseconds} ms after the request (delay 1500 ms)");
        await Task.Delay(Margin);

        Assert.NotNull(reminded!.RemindedAt);
        Assert.Null(reminded.ReminderTokenId); // the Schedule clears its token when its message is received
        Assert.Equal(1, ReminderObserver.Count(id));
        Assert.False((await host.ReadRowAsync(waiting.ReminderTokenId!.Value)).Exists);
        Assert.Equal("Reminded", (await host.ReadApprovalAsync(id))!.CurrentState);
    }

    [Fact]
    public async Task Should_not_fire_a_saga_timeout_that_was_unscheduled()
    {
        await using var host = await SchedulingHost.StartAsync(fixture);
        var id = Guid.NewGuid();

        await host.Bus.Publish(new RequestApproval(id, ReminderDelayMs: 2000));
        var waiting = await SchedulingHost.WaitForAsync(() => host.ReadApprovalAsync(id), s => s?.CurrentState == "Waiting", TimeSpan.FromSeconds(10), "the saga waiting");
        var tokenId = waiting!.ReminderTokenId!.Value;
        await SchedulingHost.WaitForAsync(() => host.ReadRowAsync(tokenId), row => row.Exists, TimeSpan.FromSeconds(10), "storing the reminder");

        await host.Bus.Publish(new GrantApproval(id));
        var approved = await SchedulingHost.WaitForAsync(() => host.ReadApprovalAsync(id), s => s?.CurrentState == "Approved", TimeSpan.FromSeconds(10), "the approval");
        await SchedulingHost.WaitForAsync(() => host.ReadRowAsync(tokenId), row => !row.Exists, TimeSpan.FromSeconds(10), "the reminder's row deleted by the Unschedule");

        await Task.Delay(TimeSpan.FromMilliseconds(2000) + Margin);

        Assert.Null(approved!.ReminderTokenId);
        Assert.Equal(0, ReminderObserver.Count(id));
        Assert.Equal("Approved", (await host.ReadApprovalAsync(id))!.CurrentState);
    }

    [Fact]
    public async Task Should_give_up_a_send_that_never_returns_and_send_the_message_on_the_next_pass()
    {
        // The first send of the ping hangs for good, as on a channel that died with the broker.
        var hanging = new HangingSends(hangs: 1, send =>
            send.DestinationAddress?.AbsolutePath.EndsWith(PingConsumer.Queue) == true && send.Headers.Get<string>(PingConsumer.Header) == "hang");
        await using var host = await SchedulingHost.StartAsync(fixture, hanging, sendTimeout: TimeSpan.FromSeconds(1));
        try
        {
            var ping = new Ping(Guid.NewGuid(), "outlives a hung send");
            await host.SchedulePingAsync(ping, TimeSpan.FromSeconds(1), header: "hang");

            await SchedulingHost.WaitForAsync(() => Task.FromResult(hanging.Hung), hung => hung >= 1, TimeSpan.FromSeconds(10), "the hung send");
            await SchedulingHost.WaitForAsync(() => Task.FromResult(PingConsumer.Count(ping.PingId)), count => count > 0, TimeSpan.FromSeconds(20),
                "the ping after its first send hung");
            await Task.Delay(Margin);

            Assert.Equal(1, PingConsumer.Count(ping.PingId));
            Assert.Equal(2, hanging.Hung);
        }
        finally
        {
            hanging.Release();
        }
    }
}
