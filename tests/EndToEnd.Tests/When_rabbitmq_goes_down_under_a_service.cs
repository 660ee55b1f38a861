using System.Net;
using CustomerPlatform.AppHost.Hosting;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

public sealed class When_rabbitmq_goes_down_under_a_service
{
    [Fact]
    public async Task Should_report_the_service_unhealthy_until_the_broker_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var app = await DistributedApplicationTestingBuilder.StartAsync<Program>(
            [$"--AppHost:Only={ResourceNames.Services.Identity}"], timeout.Token);
        await app.WaitForResourceHealthyAsync(ResourceNames.Services.Identity, timeout.Token);
        using var identity = new HttpClient { BaseAddress = app.GetEndpoint(ResourceNames.Services.Identity) };

        Assert.True(await app.Monitor.ExecuteCommandAsync(ResourceNames.Messaging, "stop", timeout.Token));
        var down = await WaitForHealthAsync(identity, HttpStatusCode.ServiceUnavailable, timeout.Token);
        Assert.Contains($"\"{ResourceNames.Messaging}\"", down);

        Assert.True(await app.Monitor.ExecuteCommandAsync(ResourceNames.Messaging, "start", timeout.Token));
        await WaitForHealthAsync(identity, HttpStatusCode.OK, timeout.Token);
    }

    private static async Task<string> WaitForHealthAsync(HttpClient service, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await service.GetAsync("/health", cancellationToken);
            if (response.StatusCode == expected)
            {
                return await response.Content.ReadAsStringAsync(cancellationToken);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
