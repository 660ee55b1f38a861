using CustomerPlatform.Contracts.Notifications;
using MassTransit;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// In front of the journey saga: an email event for a template the journey does not follow (an order's
/// confirmation, support's, training's: most of the platform's email) is acknowledged there, before the
/// outbox opens a transaction and the repository locks the journey. Only the verification email and the
/// success manager's introduction move a journey (<see cref="JourneyStateMachine.Tracks"/>).
/// </summary>
internal sealed class TrackedEmailsOnly<T>(Func<T, string?> template) : IFilter<ConsumeContext<T>>
    where T : class
{
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next) =>
        JourneyStateMachine.Tracks(template(context.Message))
            ? next.Send(context)

            // Told it was handled, or MassTransit would move a message nobody consumed to the _skipped queue.
            : context.NotifyConsumed(context, TimeSpan.Zero, nameof(TrackedEmailsOnly<T>));

    public void Probe(ProbeContext context) => context.CreateFilterScope("trackedEmailsOnly");
}
