using CustomerPlatform.Messaging.Tests.Counter;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Messaging.Tests.Outbox;

/// <summary>Delivered inbox rows are kept for the window (30 minutes by default), then deleted; undelivered ones never are.</summary>
[Collection(MessagingCollection.Name)]
public sealed class When_the_duplicate_detection_window_passes(MessagingFixture fixture)
{
    [Fact]
    public async Task Should_delete_delivered_inbox_rows_older_than_the_window_only()
    {
        var consumerId = NewId.NextGuid();
        var (old, recent, undelivered) = (NewId.NextGuid(), NewId.NextGuid(), NewId.NextGuid());
        var now = DateTime.UtcNow;

        await using (var scope = fixture.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
            db.AddRange(
                Row(old, consumerId, consumed: now.AddMinutes(-40), delivered: now.AddMinutes(-31)),
                Row(recent, consumerId, consumed: now.AddMinutes(-5), delivered: now.AddMinutes(-5)),
                // Not consumed yet (an attempt in flight, or one that rolled back): never cleaned.
                Row(undelivered, consumerId, consumed: null, delivered: null));
            await db.SaveChangesAsync();
        }

        await When_a_consumer_runs_behind_the_outbox.WaitUntilAsync(async () => !(await ExistsAsync(old, consumerId)), TimeSpan.FromSeconds(15));
        Assert.True(await ExistsAsync(recent, consumerId));
        Assert.True(await ExistsAsync(undelivered, consumerId));
    }

    private static InboxState Row(Guid messageId, Guid consumerId, DateTime? consumed, DateTime? delivered) => new()
    {
        MessageId = messageId,
        ConsumerId = consumerId,
        Received = consumed ?? DateTime.UtcNow,
        ReceiveCount = 1,
        Consumed = consumed,
        Delivered = delivered,
    };

    private async Task<bool> ExistsAsync(Guid messageId, Guid consumerId)
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CounterDbContext>();
        return await db.Set<InboxState>().AnyAsync(i => i.MessageId == messageId && i.ConsumerId == consumerId);
    }
}
