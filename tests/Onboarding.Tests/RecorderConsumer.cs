using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using CustomerPlatform.Contracts.Training;
using MassTransit;

namespace CustomerPlatform.Onboarding.Tests;

/// <summary>
/// Plays Notifications, Training, Ticketing and Loyalty: Onboarding publishes its commands and events,
/// so a consumer of those types on its own queue receives what the real services would.
/// </summary>
public sealed class RecorderConsumer(Recorded recorded) :
    IConsumer<SendEmail>, IConsumer<EnrollInCourse>, IConsumer<ReopenTraining>, IConsumer<OpenTicket>,
    IConsumer<SuccessManagerAssigned>, IConsumer<OnboardingStepCompleted>, IConsumer<OnboardingCompleted>, IConsumer<SurveyAnswered>
{
    public Task Consume(ConsumeContext<SendEmail> context) => Record(context.Message);
    public Task Consume(ConsumeContext<EnrollInCourse> context) => Record(context.Message);
    public Task Consume(ConsumeContext<ReopenTraining> context) => Record(context.Message);
    public Task Consume(ConsumeContext<OpenTicket> context) => Record(context.Message);
    public Task Consume(ConsumeContext<SuccessManagerAssigned> context) => Record(context.Message);
    public Task Consume(ConsumeContext<OnboardingStepCompleted> context) => Record(context.Message);
    public Task Consume(ConsumeContext<OnboardingCompleted> context) => Record(context.Message);
    public Task Consume(ConsumeContext<SurveyAnswered> context) => Record(context.Message);

    private Task Record(object message)
    {
        recorded.Add(message);
        return Task.CompletedTask;
    }
}
