using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CustomerPlatform.Messaging.Tests;

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

    public void Dispose() => _http.Dispose();

    // The default vhost "/" is %2F in the path.
    private static string QueuePath(string queue) => $"/api/queues/%2F/{Uri.EscapeDataString(queue)}";
}
