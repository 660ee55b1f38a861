using CustomerPlatform.Contracts.Training;
using MassTransit;

namespace CustomerPlatform.Training.Tests;

/// <summary>Collects Training's events on the test's own queue, as the Onboarding service would.</summary>
public sealed class TrainingEventsConsumer(TrainingEventLog log) :
    IConsumer<CustomerEnrolled>, IConsumer<TrainingCompleted>, IConsumer<TrainingAttemptsExhausted>, IConsumer<ExtraAttemptsGranted>
{
    public Task Consume(ConsumeContext<CustomerEnrolled> context) => Add(context.Message);
    public Task Consume(ConsumeContext<TrainingCompleted> context) => Add(context.Message);
    public Task Consume(ConsumeContext<TrainingAttemptsExhausted> context) => Add(context.Message);
    public Task Consume(ConsumeContext<ExtraAttemptsGranted> context) => Add(context.Message);

    private Task Add(object message)
    {
        log.All.Enqueue(message);
        return Task.CompletedTask;
    }
}
