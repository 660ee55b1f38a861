using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;
using CustomerPlatform.AppHost.Resources;

namespace CustomerPlatform.AppHost.Tests;

public sealed class When_rabbitmq_restarts : IDisposable
{
    private const string Queue = "kept-across-restarts";
    private readonly string _dataDirectory = TestApplication.NewDataDirectory();

    [Fact]
    public async Task Should_keep_a_persistent_message_in_a_durable_queue()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using (var first = await StartBrokerAsync(timeout.Token))
        {
            using var management = await ManagementAsync(first.App);
            (await management.PutAsJsonAsync($"api/queues/%2F/{Queue}", new { durable = true }, timeout.Token)).EnsureSuccessStatusCode();
            var published = await management.PostAsJsonAsync("api/exchanges/%2F/amq.default/publish", new
            {
                properties = new { delivery_mode = 2 },
                routing_key = Queue,
                payload = "accepted before the restart",
                payload_encoding = "string",
            }, timeout.Token);
            Assert.True((await published.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("routed").GetBoolean());
        }

        await using var second = await StartBrokerAsync(timeout.Token);
        using var again = await ManagementAsync(second.App);
        var got = await again.PostAsJsonAsync($"api/queues/%2F/{Queue}/get", new { count = 10, ackmode = "ack_requeue_false", encoding = "auto" }, timeout.Token);
        var messages = await got.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement[]>(timeout.Token);

        Assert.Equal(["accepted before the restart"], messages!.Select(m => m.GetProperty("payload").GetString()));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
            Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Each start gets new random ports; the data folder (and so the node name and credentials) stays, as in a developer's runs.</summary>
    private Task<TestApplication> StartBrokerAsync(CancellationToken cancellationToken) =>
        TestApplication.StartAsync(builder => builder.AddRabbitMQ("messaging"), ["messaging"], cancellationToken, _dataDirectory, keepData: true);

    private static async Task<HttpClient> ManagementAsync(DistributedApplication app)
    {
        var credentials = Uri.UnescapeDataString(new Uri((await app.GetConnectionStringAsync("messaging"))!).UserInfo);
        var client = new HttpClient { BaseAddress = app.GetEndpoint("messaging", "management") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return client;
    }
}
