using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.Testing;

/// <summary>Reads queues through the RabbitMQ management API, as an SRE would look at an error queue.</summary>
public sealed class RabbitMqManagement(Uri managementUrl, Uri amqp) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = managementUrl,
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo)))),
        },
    };

    public async Task<bool> QueueExistsAsync(string queue)
    {
        using var response = await _http.GetAsync(QueuePath(queue));
        if (response.StatusCode == HttpStatusCode.NotFound)
            return false;
        response.EnsureSuccessStatusCode();
        return true;
    }

    /// <summary>
    /// The messages in a queue, 0 when it doesn't exist. Counted by fetching them (and putting them
    /// back) rather than from the queue's statistics, which the broker refreshes only every few seconds.
    /// </summary>
    public async Task<int> CountMessagesAsync(string queue)
    {
        if (!await QueueExistsAsync(queue))
            return 0;

        var body = JsonContent.Create(new { count = 1000, ackmode = "ack_requeue_true", encoding = "auto" });
        using var response = await _http.PostAsync($"{QueuePath(queue)}/get", body);
        response.EnsureSuccessStatusCode();
        using var messages = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return messages.RootElement.GetArrayLength();
    }

    /// <summary>
    /// The durable queues that have messages waiting or not, but no consumer: a receive endpoint that did not
    /// come back after its service or the broker restarted. Error and skipped queues have no consumer by design,
    /// and a bus's own temporary queue disappears with its connection. The broker refreshes these figures every
    /// few seconds.
    /// </summary>
    public async Task<IReadOnlyList<string>> QueuesWithoutConsumersAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync("/api/queues/%2F?columns=name,durable,auto_delete,consumers,messages", cancellationToken);
        response.EnsureSuccessStatusCode();
        using var queues = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return [.. queues.RootElement.EnumerateArray()
            .Where(q => q.GetProperty("durable").GetBoolean() && !q.GetProperty("auto_delete").GetBoolean())
            .Select(q => (Name: q.GetProperty("name").GetString()!, Consumers: q.TryGetProperty("consumers", out var c) ? c.GetInt32() : 0,
                Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 0))
            .Where(q => q.Consumers == 0 && !q.Name.EndsWith("_error", StringComparison.Ordinal) && !q.Name.EndsWith("_skipped", StringComparison.Ordinal))
            .Select(q => $"{q.Name} ({q.Messages} waiting)")];
    }

    /// <summary>The management API of the application's broker, signed in as the user its services connect with.</summary>
    public static async Task<RabbitMqManagement> ForAsync(DistributedApplication app, CancellationToken cancellationToken) =>
        new(app.GetEndpoint(ResourceNames.Messaging, "management"),
            new Uri(await app.GetConnectionStringAsync(ResourceNames.Messaging, cancellationToken)
                ?? throw new InvalidOperationException("The broker has no connection string.")));

    /// <summary>Waits until every service queue has a consumer again, and fails naming those still without one.</summary>
    public async Task WaitUntilEveryQueueIsConsumedAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var idle = await QueuesWithoutConsumersAsync(cancellationToken);
            if (idle.Count == 0)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Queues without a consumer {within.TotalSeconds:0} s after the restarts: {string.Join(", ", idle)}");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }

    public void Dispose() => _http.Dispose();

    // The default vhost "/" is %2F in the path.
    private static string QueuePath(string queue) => $"/api/queues/%2F/{Uri.EscapeDataString(queue)}";
}
