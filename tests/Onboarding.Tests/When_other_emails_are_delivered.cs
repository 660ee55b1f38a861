using System.Collections.Concurrent;
using CustomerPlatform.Contracts.Notifications;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>
/// Most of the platform's email (orders, support, training) is none of the journey's business: its
/// delivery events are acknowledged in front of the saga, which neither loads nor saves the journey.
/// </summary>
[Collection(OnboardingCollection.Name)]
public sealed class When_other_emails_are_delivered(OnboardingFixture fixture)
{
    private const int Count = 5;

    [Fact]
    public async Task Should_acknowledge_them_without_touching_the_journey()
    {
        var customer = new CustomerJourney(fixture);
        await customer.SignUpAsync();
        await customer.WaitForStepAsync(JourneySteps.SignedUp, StepStatuses.Completed);
        var before = await VersionAsync(customer.Id);

        var observer = new Consumed(customer.Id);
        var bus = fixture.Service.Services.GetRequiredService<IBus>();
        using (bus.ConnectConsumeObserver(observer))
        {
            for (var n = 0; n < Count; n++)
                await customer.DeliveredAsync(EmailTemplates.OrderConfirmation, correlationId: null);
            await observer.WaitAsync(Count, TimeSpan.FromSeconds(30));
        }

        Assert.Equal(before, await VersionAsync(customer.Id));
    }

    private Task<int> VersionAsync(Guid customerId) =>
        fixture.ReadAsync(db => db.JourneySagas.AsNoTracking().Where(s => s.CorrelationId == customerId).Select(s => s.Version).SingleAsync());

    /// <summary>Counts the service's consumes of this customer's EmailDelivered.</summary>
    private sealed class Consumed(Guid customerId) : IConsumeObserver
    {
        private readonly ConcurrentQueue<Guid?> _seen = new();

        public async Task WaitAsync(int count, TimeSpan within)
        {
            var deadline = DateTime.UtcNow + within;
            while (_seen.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{_seen.Count} of {count} consumed");
                await Task.Delay(50);
            }

            // A consume that was going to save the journey has committed by the time it is reported.
            await Task.Delay(200);
        }

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is EmailDelivered delivered && delivered.CustomerId == customerId)
                _seen.Enqueue(context.MessageId);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
