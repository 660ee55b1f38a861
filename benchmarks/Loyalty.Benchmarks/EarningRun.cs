using System.Diagnostics;
using CustomerPlatform.Contracts.Customers;
using MassTransit;
using Npgsql;

namespace CustomerPlatform.Loyalty.Benchmarks;

internal sealed record EarningResult(int Events, TimeSpan Published, TimeSpan Applied, TimeSpan ReferenceConsumed, long Entries, long Orders, bool PointsAgree);

/// <summary>
/// Earning events through RabbitMQ, exactly once: <c>--events</c> orders of seeded members published as the Customers
/// service publishes <see cref="OrderPlaced"/>, each twice, by <c>--concurrency</c> publishers at once. Timed until
/// Loyalty has applied every order (its <c>order_earnings</c> row is written in the pending entry's transaction), beside a
/// reference in the same run: a queue of this process bound to the same exchange, whose consumer only counts, so it gets
/// every message Loyalty gets, from the same broker, at the same time. Then checks that each order gave exactly one entry.
/// </summary>
internal static class EarningRun
{
    private static readonly string[] Categories = ["garden", "books", "kitchen", "toys"];

    public static async Task<EarningResult> RunAsync(
        string messaging, NpgsqlDataSource loyaltyDb, IReadOnlyList<SeededMember> members, BenchOptions options, string run, CancellationToken cancellationToken)
    {
        var consumed = new Counter();
        var broker = new Uri(messaging);
        var credentials = broker.UserInfo.Split(':', 2);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            rabbit.Host(broker.Host, (ushort)(broker.Port > 0 ? broker.Port : 5672), Uri.UnescapeDataString(broker.AbsolutePath.TrimStart('/')) is { Length: > 0 } vhost ? vhost : "/",
                "loyalty-benchmark", host =>
                {
                    host.Username(Uri.UnescapeDataString(credentials[0]));
                    host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
                });
            rabbit.ReceiveEndpoint($"loyalty-benchmark-reference-{run}", endpoint =>
            {
                endpoint.Durable = false;
                endpoint.AutoDelete = true;
                endpoint.Consumer(() => new CountingConsumer(consumed));
            });
        });
        await bus.StartAsync(cancellationToken);
        try
        {
            var random = new Random(options.Seed + 7);
            var placedAt = DateTimeOffset.UtcNow;
            var orders = Enumerable.Range(0, options.Events).Select(i =>
            {
                var member = members[random.Next(members.Count)];
                var lines = Enumerable.Range(0, random.Next(1, 4)).Select(l => new OrderLineItem
                {
                    Sku = $"SKU-{random.Next(1000):D4}", Name = "Benchmark item", Category = Categories[random.Next(Categories.Length)],
                    Quantity = random.Next(1, 4), UnitPrice = random.Next(500, 5000) / 100m,
                }).ToArray();
                var total = lines.Sum(l => l.Quantity * l.UnitPrice);
                return new OrderPlaced
                {
                    OrderId = $"LB-{run}-{i}", Email = member.Email, CustomerId = member.CustomerId, At = placedAt, CustomerName = "Benchmark Member",
                    Currency = "EUR", Lines = lines, ShippingCost = 0, Total = total, EstimatedDelivery = placedAt.AddDays(3),
                };
            }).ToArray();

            var clock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(async () =>
            {
                // Each event twice, the second right after the first: a redelivery Loyalty must not apply again.
                for (var i = Interlocked.Increment(ref next); i < 2 * orders.Length; i = Interlocked.Increment(ref next))
                    await bus.Publish(orders[i / 2], cancellationToken);
            }, cancellationToken)));
            var published = clock.Elapsed;

            TimeSpan? applied = null, reference = null;
            var prefix = $"LB-{run}-%";
            while (applied is null || reference is null)
            {
                if (clock.Elapsed > TimeSpan.FromMinutes(15))
                    throw new TimeoutException($"After 15 minutes Loyalty had applied {await CountOrdersAsync(loyaltyDb, prefix, cancellationToken)} of {orders.Length} orders and the reference consumed {consumed.Value} of {2 * orders.Length} messages.");
                if (reference is null && consumed.Value >= 2 * orders.Length)
                    reference = clock.Elapsed;
                if (applied is null && await CountOrdersAsync(loyaltyDb, prefix, cancellationToken) >= orders.Length)
                    applied = clock.Elapsed;
                await Task.Delay(50, cancellationToken);
            }

            // The second copies may still be on their way: give them time to be (not) applied, then count.
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            await using var check = loyaltyDb.CreateCommand(
                "SELECT (SELECT count(*) FROM ledger_entries WHERE source_key LIKE $1), (SELECT count(*) FROM order_earnings WHERE order_id LIKE $2), "
                + "(SELECT coalesce(sum(pending_points), 0) FROM ledger_entries WHERE source_key LIKE $1) = (SELECT coalesce(sum(points), 0) FROM order_earnings WHERE order_id LIKE $2)");
            check.CommandTimeout = 0;
            check.Parameters.Add(new NpgsqlParameter { Value = $"order:LB-{run}-%" });
            check.Parameters.Add(new NpgsqlParameter { Value = prefix });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new EarningResult(orders.Length, published, applied.Value, reference.Value, reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<long> CountOrdersAsync(NpgsqlDataSource loyaltyDb, string prefix, CancellationToken cancellationToken)
    {
        await using var count = loyaltyDb.CreateCommand("SELECT count(*) FROM order_earnings WHERE order_id LIKE $1");
        count.Parameters.Add(new NpgsqlParameter { Value = prefix });
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add() => Interlocked.Increment(ref _value);
    }

    private sealed class CountingConsumer(Counter counter) : IConsumer<OrderPlaced>
    {
        public Task Consume(ConsumeContext<OrderPlaced> context)
        {
            counter.Add();
            return Task.CompletedTask;
        }
    }
}
