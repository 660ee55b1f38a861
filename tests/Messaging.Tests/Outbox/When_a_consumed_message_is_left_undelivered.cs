using CustomerPlatform.Messaging.Tests.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>
/// A consumed message whose outbox rows nobody delivers (its consumer died and the message itself went
/// elsewhere): the delivery service takes them over once they are older than OrphanedOutboxAge, sends
/// them once and marks the inbox row delivered, so a late copy of the message would change nothing.
/// </summary>
[Collection(MessagingCollection.Name)]
public sealed class When_a_consumed_message_is_left_undelivered(MessagingFixture fixture)
{
    [Fact]
    public async Task Should_be_delivered_by_the_delivery_service()
    {
        var paymentId = Guid.NewGuid();
        var messageId = NewId.NextGuid();
        var consumerId = NewId.NextGuid();

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            // A real serialized row (made by the bus outbox), then made the row of a consumer that
            // committed ten minutes ago and was never heard of again.
            var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
            await scope.ServiceProvider.GetRequiredService<IPublishEndpoint>().Publish(new PaymentRecorded(paymentId));
            var row = db.ChangeTracker.Entries<OutboxMessage>().Single().Entity;
            row.InboxMessageId = messageId;
            row.InboxConsumerId = consumerId;
            db.Add(new InboxState
            {
                MessageId = messageId,
                ConsumerId = consumerId,
                Received = DateTime.UtcNow.AddMinutes(-10),
                Consumed = DateTime.UtcNow.AddMinutes(-10),
                ReceiveCount = 1,
            });
            await db.SaveChangesAsync();
        }

        await When_a_consumer_runs_behind_the_outbox.WaitUntilAsync(() => fixture.PaymentEvents.Seen(paymentId).Count >= 1);
        await Task.Delay(1500);
        Assert.Single(fixture.PaymentEvents.Seen(paymentId));

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
            var inbox = await db.Set<InboxState>().AsNoTracking().SingleAsync(i => i.MessageId == messageId);
            Assert.NotNull(inbox.Delivered);
            Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync(o => o.InboxMessageId == messageId));
        }
    }
}
