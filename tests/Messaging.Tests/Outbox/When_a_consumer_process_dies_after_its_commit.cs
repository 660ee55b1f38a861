using System.Diagnostics;
using CustomerPlatform.Messaging.Tests.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// The consumer runs in a child process (<see cref="CrashHost"/>) that is SIGKILLed right after its
/// transaction committed: state, inbox and outbox rows are in the database, nothing reached the broker,
/// and the message was never acknowledged. A second process then gets the message again from RabbitMQ.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_a_consumer_process_dies_after_its_commit(MessagingFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Should_deliver_the_outgoing_messages_once_on_restart_without_applying_the_change_again()
    {
        var paymentId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var clock = Stopwatch.StartNew();

        var endpoint = await fixture.Bus.GetSendEndpoint(new Uri($"queue:{CrashPaymentConsumer.Queue}"));
        await endpoint.Send(new RecordCrashPayment(paymentId), context => context.MessageId = messageId);

        // First life: consumes, commits, dies.
        using (var first = StartHost(killAfterCommit: true))
        {
            var exited = await WaitForExitAsync(first, TimeSpan.FromSeconds(60));
            Assert.True(exited, "the consumer process never killed itself: the message was not consumed");
            output.WriteLine($"first process died with exit code {first.ExitCode} after {clock.ElapsedMilliseconds} ms");
            Assert.NotEqual(0, first.ExitCode);
        }

        var (inbox, outboxRows) = await ReadInboxAsync(messageId);
        Assert.NotNull(inbox);
        Assert.NotNull(inbox.Consumed);
        Assert.Null(inbox.Delivered);
        Assert.Equal(2, outboxRows);
        Assert.Equal(1, await fixture.CountLogsAsync(paymentId));
        Assert.Empty(fixture.PaymentEvents.Seen(paymentId));

        // Second life: the broker hands the unacknowledged message over again.
        using var second = StartHost(killAfterCommit: false);
        try
        {
            await When_a_consumer_runs_behind_the_outbox.WaitUntilAsync(() => fixture.PaymentEvents.Seen(paymentId).Count >= 2, TimeSpan.FromSeconds(60));
            await Task.Delay(1500); // a second delivery would show up now
            output.WriteLine($"delivered after restart; {clock.ElapsedMilliseconds} ms in all");

            var seen = fixture.PaymentEvents.Seen(paymentId);
            Assert.Equal(2, seen.Count);
            Assert.Equal(2, seen.Select(s => s.MessageId).Distinct().Count());
            Assert.Equal(1, await fixture.CountLogsAsync(paymentId));
            (inbox, outboxRows) = await ReadInboxAsync(messageId);
            Assert.NotNull(inbox?.Delivered);
            Assert.Equal(2, inbox.ReceiveCount);
            Assert.Equal(0, outboxRows);
        }
        finally
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }
    }

    private Process StartHost(bool killAfterCommit)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(CrashHost).Assembly.Location, CrashHost.Argument },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ConnectionStrings__sagas"] = fixture.PostgresConnectionString,
                ["ConnectionStrings__messaging"] = fixture.RabbitMqConnectionString,
                ["Logging__LogLevel__Default"] = "Warning",
                [CrashAfterCommit.EnvironmentVariable] = killAfterCommit ? "1" : "0",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => Log(line.Data);
        process.ErrorDataReceived += (_, line) => Log(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        try
        {
            output.WriteLine($"[child] {line}");
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }

    private static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    private async Task<(InboxState? Inbox, int OutboxRows)> ReadInboxAsync(Guid messageId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        var inbox = await db.Set<InboxState>().AsNoTracking().SingleOrDefaultAsync(i => i.MessageId == messageId);
        var rows = await db.Set<OutboxMessage>().CountAsync(o => o.InboxMessageId == messageId);
        return (inbox, rows);
    }
}
