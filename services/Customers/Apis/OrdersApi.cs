using System.Data;
using Microsoft.AspNetCore.Mvc;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Customers;

/// <summary>
/// The store's routes (commerce.md): an order upserted by the store's own id, and the events that change
/// it. Each request runs in one transaction under the order's lock, its events going out through the
/// outbox with it: the same order or the same event twice, even side by side, changes nothing the second time.
/// </summary>
public static class OrdersApi
{
    public static async Task<Results<Created<OrderView>, Ok<OrderView>, ValidationProblem>> PutAsync(
        string orderId, HttpRequest request, CustomersDbContext db, IPublishEndpoint publisher, OrderEmails emails, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await ReadAsync<OrderRequest>(orderId, request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        var (incoming, errors) = OrderValidation.Order(orderId, body, time.GetUtcNow());
        if (incoming is null)
            return TypedResults.ValidationProblem(errors!);

        return await InTransactionAsync(db, async () =>
        {
            // The order's lock, then its address's (a sign-up links guest orders under it), in one round trip.
            await db.LockAsync([("order", orderId), ("email", incoming.Email)], cancellationToken);
            var existing = await db.Orders.AsTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (existing is not null && existing.SameAs(incoming))
                return (Results<Created<OrderView>, Ok<OrderView>, ValidationProblem>)TypedResults.Ok(existing.ToView());

            var customerId = await db.Profiles.Where(p => p.Email == incoming.Email)
                .OrderByDescending(p => p.EmailAt).Select(p => (Guid?)p.CustomerId).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                // The store corrected its order: its fields change, what happened to it stays.
                var before = existing.Lines;
                existing.Update(incoming, time.GetUtcNow());
                await Recommendations.RecountAsync(db, before, existing.Lines, cancellationToken);
                if (existing.CustomerId is null)
                    existing.CustomerId = customerId;
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(existing.ToView());
            }

            incoming.CustomerId = customerId;
            db.Orders.Add(incoming);
            await publisher.Publish(new OrderPlaced
            {
                OrderId = incoming.Id, Email = incoming.Email, CustomerId = incoming.CustomerId, At = incoming.PlacedAt,
                CustomerName = incoming.CustomerName, Currency = incoming.Currency,
                Lines = [.. incoming.Lines.Select(l => new OrderLineItem { Sku = l.Sku, Name = l.Name, Category = l.Category, Quantity = l.Quantity, UnitPrice = l.UnitPrice })],
                ShippingCost = incoming.ShippingCost, DiscountCode = incoming.DiscountCode, Total = incoming.Total,
                EstimatedDelivery = incoming.EstimatedDelivery,
            }, cancellationToken);
            await publisher.Publish(emails.Confirmation(incoming), cancellationToken);
            await Recommendations.CountAsync(db, incoming, cancellationToken);
            db.Timeline.Add(OrderTimeline.Entry(incoming, incoming.PlacedAt, $"order:{incoming.Id}:placed",
                $"Order {incoming.Id} placed: {incoming.Lines.Sum(l => l.Quantity)} item(s), {incoming.Total:0.00##} {incoming.Currency}", time.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/customers/orders/{incoming.Id}", incoming.ToView());
        }, cancellationToken);
    }

    public static async Task<Results<Accepted, NotFound<ProblemDetails>, ValidationProblem>> PostEventAsync(
        string orderId, HttpRequest request, CustomersDbContext db, IPublishEndpoint publisher, OrderEmails emails, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, bodyErrors) = await ReadAsync<OrderEventRequest>(orderId, request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(bodyErrors!);
        if (OrderValidation.Event(body) is { } errors)
            return TypedResults.ValidationProblem(errors);

        return await InTransactionAsync(db, async () =>
        {
            await db.LockAsync("order", orderId, cancellationToken);
            var order = await db.Orders.AsTracking().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
            if (order is null)
                return (Results<Accepted, NotFound<ProblemDetails>, ValidationProblem>)TypedResults.NotFound(new ProblemDetails
                {
                    Title = "Unknown order", Detail = $"No order '{orderId}' was reported: PUT it first.", Status = StatusCodes.Status404NotFound,
                });

            var eventId = body.EventId!.Trim();
            if (await db.OrderEvents.AnyAsync(e => e.OrderId == orderId && e.EventId == eventId, cancellationToken))
                return TypedResults.Accepted((string?)null);

            var now = time.GetUtcNow();
            var change = OrderChanges.Apply(order, body, now);
            if (change.Errors is not null)
                return TypedResults.ValidationProblem(change.Errors);
            if (change.Event is not null)
            {
                await publisher.Publish(change.Event, change.Event.GetType(), cancellationToken);
                // The customer hears of the shipment and the delivery (the follow-up comes later, OrderFollowUpScheduler).
                if (change.Event is OrderShipped)
                    await publisher.Publish(emails.Shipped(order), cancellationToken);
                else if (change.Event is OrderDelivered)
                    await publisher.Publish(emails.Delivered(order), cancellationToken);
            }
            db.Timeline.Add(OrderTimeline.Entry(order, body.At!.Value.ToUniversalTime(), $"order:{orderId}:event:{eventId}",
                OrderTimeline.Describe(order, body), now));
            db.OrderEvents.Add(new ReceivedOrderEvent { OrderId = orderId, EventId = eventId, Type = body.Type!, At = body.At!.Value.ToUniversalTime(), ReceivedAt = now });
            order.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Accepted((string?)null);
        }, cancellationToken);
    }

    /// <summary>The request's body, once the order id in the path is one the store may use.</summary>
    private static async Task<(T? Body, Dictionary<string, string[]>? Errors)> ReadAsync<T>(string orderId, HttpRequest request, CancellationToken cancellationToken)
        where T : class =>
        OrderValidation.CheckOrderId(orderId) is { } badId ? (null, badId) : await JsonRequestBody.ReadAsync<T>(request, cancellationToken);

    /// <summary>
    /// One READ COMMITTED transaction, committed when <paramref name="work"/> returns; run again from the start
    /// (nothing tracked kept) when the connection fails under the retrying strategy.
    /// </summary>
    private static Task<T> InTransactionAsync<T>(CustomersDbContext db, Func<Task<T>> work, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
}
