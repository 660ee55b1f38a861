using System.Net;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CustomerPlatform.Contracts;

namespace CustomerPlatform.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class When_rabbitmq_goes_down_under_a_service(PlatformFixture platform)
{
    [Fact]
    public async Task Should_report_the_service_unhealthy_until_the_broker_is_back()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var training = new HttpClient { BaseAddress = platform.App.GetEndpoint(ResourceNames.Services.Training, "http") };
        try
        {
            await ResourceControl.CommandAsync(platform.App, ResourceNames.Messaging, KnownResourceCommands.StopCommand, timeout.Token);
            var down = await WaitForHealthAsync(training, HttpStatusCode.ServiceUnavailable, timeout.Token);
            Assert.Contains($"\"{ResourceNames.Messaging}\"", down);
        }
        finally
        {
            await ResourceControl.CommandAsync(platform.App, ResourceNames.Messaging, KnownResourceCommands.StartCommand, timeout.Token);
        }

        await WaitForHealthAsync(training, HttpStatusCode.OK, timeout.Token);
        await platform.App.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Gateway, timeout.Token);
        using var broker = await RabbitMqManagement.ForAsync(platform.App, timeout.Token);
        await broker.WaitUntilEveryQueueIsConsumedAsync(TimeSpan.FromSeconds(60), timeout.Token);
    }

    private static async Task<string> WaitForHealthAsync(HttpClient service, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await service.GetAsync("/health", cancellationToken);
            if (response.StatusCode == expected)
                return await response.Content.ReadAsStringAsync(cancellationToken);

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }
}
