using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Bogus;
using CustomerPlatform.Testing;
using Npgsql;

namespace CustomerPlatform.Customers.Benchmarks;

/// <summary>What an order load answered: per status, the new orders' ids, their latencies, and how long it ran.</summary>
internal sealed record OrderLoadResult(
    IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> Created, Latencies Latencies, TimeSpan Elapsed, string? FirstError);

/// <summary>When every confirmation was recorded by Notifications (with its first delivery attempt), and when sent, since the load started.</summary>
internal sealed record ConfirmationTimes(int Expected, int Recorded, int Sent, TimeSpan? AllRecorded, TimeSpan? AllSent);

/// <summary>
/// The store's side of commerce.md: new orders PUT through the gateway with the store's client-credentials token,
/// half for seeded customers' addresses and half for guests, 1 to 3 lines from a catalogue of Bogus products.
/// </summary>
internal sealed class Orders(ApiSession store, IReadOnlyList<SeededCustomer> customers, SeededCustomer excluded, int seed)
{
    private const int CatalogueSize = 500;

    private readonly (string Sku, string Name, string Category, decimal Price)[] _catalogue = Catalogue(seed);

    /// <summary>Orders sent by <paramref name="workers"/> workers, each one after the other, until <paramref name="duration"/> has passed.</summary>
    public async Task<OrderLoadResult> LoadAsync(string prefix, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var created = new ConcurrentQueue<string>();
        var latencies = new Latencies("PUT /api/customers/orders/{id}", 1024);
        string? firstError = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var faker = new Faker("en") { Random = new Randomizer(seed + 1000 + worker) };
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var orderId = $"{prefix}-{worker:D3}-{n:D6}";
                var (status, error, elapsed) = await PutAsync(orderId, Body(faker, orderId, guest: faker.Random.Bool()).Payload, cancellationToken);
                statuses.AddOrUpdate((int)status, 1, (_, count) => count + 1);
                latencies.Add(elapsed);
                if (status == HttpStatusCode.Created)
                    created.Enqueue(orderId);
                else
                    Interlocked.CompareExchange(ref firstError, $"{orderId}: {(int)status} {error}", null);
            }
        }, cancellationToken)));
        return new OrderLoadResult(new Dictionary<int, int>(statuses), [.. created], latencies, clock.Elapsed, firstError);
    }

    /// <summary>A few orders for seeded customers, so that staff can search by order number: answers each id with its customer.</summary>
    public async Task<List<(string OrderId, Guid CustomerId)>> PlaceForSearchAsync(string prefix, int count, CancellationToken cancellationToken)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed + 500) };
        var planned = Enumerable.Range(0, count).Select(i => (OrderId: $"{prefix}-{i:D6}", Body: Body(faker, $"{prefix}-{i:D6}", guest: false))).ToList();
        var placed = new ConcurrentBag<(string, Guid)>();
        await Parallel.ForEachAsync(planned, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (order, token) =>
        {
            var (status, error, _) = await PutAsync(order.OrderId, order.Body.Payload, token);
            if (status != HttpStatusCode.Created)
                throw new InvalidOperationException($"PUT of order {order.OrderId} answered {(int)status}: {error}");
            placed.Add((order.OrderId, order.Body.Customer!.Id));
        });
        return [.. placed];
    }

    /// <summary>
    /// Polls notificationsdb until every order-confirmation of the orders with this id prefix is recorded (Notifications
    /// has accepted it and made its first delivery attempt), then until all are sent (MailDev accepted them), or the time is up.
    /// </summary>
    public static async Task<ConfirmationTimes> WaitForConfirmationsAsync(
        NpgsqlDataSource notifications, string prefix, int expected, Stopwatch since, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = notifications.CreateCommand("""
            SELECT count(*)::int, (count(*) FILTER (WHERE status = 'sent'))::int
            FROM notifications
            WHERE template = 'order-confirmation' AND variables ->> 'orderId' LIKE $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = prefix + "-%" });
        TimeSpan? allRecorded = null;
        var deadline = since.Elapsed + timeout;
        while (true)
        {
            int recorded, sent;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                recorded = reader.GetInt32(0);
                sent = reader.GetInt32(1);
            }
            if (recorded >= expected)
                allRecorded ??= since.Elapsed;
            if (sent >= expected)
                return new ConfirmationTimes(expected, recorded, sent, allRecorded, since.Elapsed);
            if (since.Elapsed > deadline)
                return new ConfirmationTimes(expected, recorded, sent, allRecorded, null);
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    private async Task<(HttpStatusCode Status, string? Error, double Milliseconds)> PutAsync(string orderId, object body, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await store.SendAsync(HttpMethod.Put, $"/api/customers/orders/{orderId}", body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = SideBySide.Since(started);
        return (response.StatusCode, response.IsSuccessStatusCode ? null : text, elapsed);
    }

    private (object Payload, SeededCustomer? Customer) Body(Faker faker, string orderId, bool guest)
    {
        SeededCustomer? customer = null;
        if (!guest)
        {
            // Never the long timeline's customer: their timeline stays at exactly --timeline entries.
            customer = customers[faker.Random.Int(0, customers.Count - 1)];
            if (customer == excluded)
                customer = customers[0] == excluded ? customers[1] : customers[0];
        }
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var email = customer?.Email ?? $"guest.{orderId.ToLowerInvariant()}@example.com";
        var lines = faker.PickRandom(_catalogue, faker.Random.Int(1, 3))
            .Select(item => new { sku = item.Sku, name = item.Name, category = item.Category, quantity = faker.Random.Int(1, 3), unitPrice = item.Price })
            .ToList();
        var shipping = faker.Random.Bool(0.3f) ? 0m : 4.95m;
        var now = DateTimeOffset.UtcNow;
        return (new
        {
            customerEmail = email,
            customerName = customer?.DisplayName ?? $"{first} {last}",
            placedAt = now,
            currency = "EUR",
            lines,
            shippingCost = shipping,
            discountCode = faker.Random.Bool(0.1f) ? "WELCOME10" : null,
            total = lines.Sum(l => l.quantity * l.unitPrice) + shipping,
            estimatedDelivery = now.AddDays(faker.Random.Int(2, 7)),
        }, customer);
    }

    private static (string, string, string, decimal)[] Catalogue(int seed)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed + 7) };
        return [.. Enumerable.Range(0, CatalogueSize).Select(i => (
            "SKU-" + i.ToString("D5", CultureInfo.InvariantCulture),
            faker.Commerce.ProductName(),
            faker.Commerce.Categories(1)[0],
            decimal.Round(faker.Random.Decimal(2m, 300m), 2)))];
    }
}
