using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Customers.Consumers;

/// <summary>Support's follow-up is due for an order (sent by <see cref="OrderFollowUpScheduler"/> on the durable scheduler).</summary>
public sealed record OrderFollowUpDue(string OrderId);

/// <summary>
/// When an order is delivered, schedules support's follow-up for <see cref="CustomersOptions.FollowUpDelay"/>
/// after the delivery, on the durable scheduler, in the same transaction as the inbox records the event.
/// </summary>
public sealed class OrderFollowUpScheduler(IOptions<CustomersOptions> options, IEndpointNameFormatter endpoints, TimeProvider time)
    : IConsumer<OrderDelivered>
{
    public async Task Consume(ConsumeContext<OrderDelivered> context)
    {
        var due = context.Message.At + options.Value.FollowUpDelay;
        var queue = new Uri($"queue:{endpoints.Consumer<OrderFollowUpConsumer>()}");
        await context.ScheduleSend(queue, due > time.GetUtcNow() ? due.UtcDateTime : time.GetUtcNow().UtcDateTime, new OrderFollowUpDue(context.Message.OrderId));
    }
}

/// <summary>
/// Sends the follow-up when it is due, unless the order was cancelled or refunded meanwhile. Its id comes from
/// the order, so a scheduled message delivered twice still sends one email.
/// </summary>
public sealed class OrderFollowUpConsumer(CustomersDbContext db, OrderEmails emails) : IConsumer<OrderFollowUpDue>
{
    public async Task Consume(ConsumeContext<OrderFollowUpDue> context)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == context.Message.OrderId, context.CancellationToken);
        if (order is null || order.Status is OrderStatuses.Cancelled or OrderStatuses.Refunded)
            return;
        await context.Publish(emails.FollowUp(order), context.CancellationToken);
    }
}
