using System.Diagnostics;
using MassTransit;
using Xunit.Abstractions;

namespace CustomerPlatform.Messaging.Tests.Outbox;

[Collection(MessagingCollection.Name)]
public sealed class When_a_consumer_runs_behind_the_outbox(MessagingFixture fixture, ITestOutputHelper output)
{
    private static readonly string ErrorQueue = $"{RecordPaymentConsumer.Queue}_error";
    private static readonly string SkippedQueue = $"{RecordPaymentConsumer.Queue}_skipped";

    [Fact]
    public async Task Should_apply_a_message_delivered_twice_once_and_send_its_messages_once()
    {
        // RabbitMQ keeps its data between runs: compare with what the queues held before.
        var errorsBefore = await fixture.Management.CountMessagesAsync(ErrorQueue);
        var skippedBefore = await fixture.Management.CountMessagesAsync(SkippedQueue);
        var paymentId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var endpoint = await fixture.Bus.GetSendEndpoint(new Uri($"queue:{RecordPaymentConsumer.Queue}"));

        var clock = Stopwatch.StartNew();
        // The same message (same MessageId) twice, at once: the second copy waits at the inbox row's
        // lock, then finds the effect committed and the messages delivered.
        await Task.WhenAll(
            endpoint.Send(new RecordPayment(paymentId), context => context.MessageId = messageId),
            endpoint.Send(new RecordPayment(paymentId), context => context.MessageId = messageId));

        await WaitUntilAsync(() => fixture.PaymentEvents.Seen(paymentId).Count >= 2);
        // And once more, later, after the first copy is long done.
        await endpoint.Send(new RecordPayment(paymentId), context => context.MessageId = messageId);
        await Task.Delay(1500); // a duplicate (state or message) would show up now
        output.WriteLine($"three copies handled in {clock.ElapsedMilliseconds} ms");
        output.WriteLine($"error {errorsBefore} -> {await fixture.Management.CountMessagesAsync(ErrorQueue)}, skipped {skippedBefore} -> {await fixture.Management.CountMessagesAsync(SkippedQueue)}, logs {await fixture.CountLogsAsync(paymentId)}");

        Assert.Equal(1, await fixture.CountLogsAsync(paymentId));
        var seen = fixture.PaymentEvents.Seen(paymentId);
        Assert.Equal(2, seen.Count);
        Assert.Equal([nameof(PaymentRecorded), nameof(ReceiptRequested)], seen.Select(s => s.Type).Order());
        Assert.Equal(2, seen.Select(s => s.MessageId).Distinct().Count());
        Assert.Equal(errorsBefore, await fixture.Management.CountMessagesAsync(ErrorQueue));
        Assert.Equal(skippedBefore, await fixture.Management.CountMessagesAsync(SkippedQueue));
    }

    [Fact]
    public async Task Should_move_a_poison_message_to_the_error_queue_after_the_retries_and_process_the_others()
    {
        var errorsBefore = await fixture.Management.CountMessagesAsync(ErrorQueue);
        var poisonId = Guid.NewGuid();
        var goodIds = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToArray();
        var endpoint = await fixture.Bus.GetSendEndpoint(new Uri($"queue:{RecordPaymentConsumer.Queue}"));

        var clock = Stopwatch.StartNew();
        await endpoint.Send(new RecordPayment(poisonId, Poison: true));
        await Task.WhenAll(goodIds.Select(id => endpoint.Send(new RecordPayment(id))));

        foreach (var id in goodIds)
            await WaitUntilAsync(() => fixture.PaymentEvents.Seen(id).Count >= 2);
        await WaitUntilAsync(async () => await fixture.Management.CountMessagesAsync(ErrorQueue) > errorsBefore);
        output.WriteLine($"poison in the error queue after {clock.ElapsedMilliseconds} ms");

        Assert.Equal(errorsBefore + 1, await fixture.Management.CountMessagesAsync(ErrorQueue));
        Assert.Equal(0, await fixture.CountLogsAsync(poisonId));
        Assert.Empty(fixture.PaymentEvents.Seen(poisonId));
        foreach (var id in goodIds)
        {
            Assert.Equal(1, await fixture.CountLogsAsync(id));
            Assert.Equal(2, fixture.PaymentEvents.Seen(id).Count);
        }
    }

    internal static Task WaitUntilAsync(Func<bool> done, TimeSpan? timeout = null) =>
        WaitUntilAsync(() => Task.FromResult(done()), timeout);

    internal static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The condition never held.");
            await Task.Delay(50);
        }
    }
}
