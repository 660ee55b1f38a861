using CustomerPlatform.Contracts.Notifications;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// One message's work on one journey: the saga row, its read model (tracked by the message's scoped
/// DbContext, so it commits with the saga row) and what the transition sends. Every status change
/// records its time; every completed step is published as <see cref="OnboardingStepCompleted"/>.
/// </summary>
public sealed class JourneyContext
{
    private readonly IPublishEndpoint _publish;
    private readonly Func<State, Task> _transitionTo;
    private readonly CancellationToken _cancellationToken;
    private readonly List<OnboardingStepCompleted> _completed = [];
    private readonly List<object> _events = [];

    private JourneyContext(IServiceProvider services, JourneyState saga, Journey journey, IPublishEndpoint publish, Func<State, Task> transitionTo, CancellationToken cancellationToken)
    {
        Db = services.GetRequiredService<OnboardingDbContext>();
        Options = services.GetRequiredService<IOptions<OnboardingOptions>>().Value;
        Now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        Logger = services.GetRequiredService<ILogger<JourneyContext>>();
        Saga = saga;
        Journey = journey;
        _publish = publish;
        _transitionTo = transitionTo;
        _cancellationToken = cancellationToken;
    }

    public OnboardingDbContext Db { get; }
    public OnboardingOptions Options { get; }
    public DateTimeOffset Now { get; }
    public ILogger Logger { get; }
    public Journey Journey { get; }
    public JourneyState Saga { get; }
    public Guid CustomerId => Saga.CorrelationId;

    /// <summary>A message to the saga: what it publishes joins the consumer outbox, its state moves through MassTransit.</summary>
    public static async Task<JourneyContext> LoadAsync(BehaviorContext<JourneyState> context)
    {
        var services = context.GetPayload<IServiceProvider>();
        var db = services.GetRequiredService<OnboardingDbContext>();
        var journey = await db.Journeys.FindAsync([context.Saga.CorrelationId], context.CancellationToken);
        if (journey is null)
        {
            // Only CustomerSignedUp creates a saga, and it creates the journey with it.
            journey = Journey.Start(context.Saga.CorrelationId, services.GetRequiredService<TimeProvider>().GetUtcNow());
            db.Journeys.Add(journey);
        }

        return new JourneyContext(services, context.Saga, journey, context, state => context.TransitionToState(state), context.CancellationToken);
    }

    /// <summary>
    /// A customer's or staff member's request, inside the transaction that locked the saga's row
    /// (<see cref="JourneyRequests"/>): what it publishes becomes bus-outbox rows of the same transaction.
    /// </summary>
    public static JourneyContext ForRequest(IServiceProvider services, JourneyState saga, Journey journey, IPublishEndpoint publish, CancellationToken cancellationToken) =>
        new(services, saga, journey, publish, state =>
        {
            saga.CurrentState = state.Name;
            return Task.CompletedTask;
        }, cancellationToken);

    public bool Is(int step, string status) => Journey.Is(step, status);

    public void Set(int step, string status, string? note = null)
    {
        var record = Journey.Step(step);
        record.Status = status;
        record.ChangedAt = Now;
        record.Note = note;
        record.CompletedAt = status == StepStatuses.Completed ? Now : null;
    }

    public void Activate(int step, string? note = null) => Set(step, StepStatuses.Active, note);

    public void Complete(int step, string? note = null)
    {
        if (Journey.IsCompleted(step))
            return;
        Set(step, StepStatuses.Completed, note);
        _completed.Add(new OnboardingStepCompleted { CustomerId = CustomerId, Step = step, Key = JourneySteps.Get(step).Key, CompletedAt = Now });
    }

    /// <summary>An event published when the transition ends, after its completed steps.</summary>
    public void Announce<T>(T message) where T : class => _events.Add(message);

    public void Note(int step, string note)
    {
        Journey.Step(step).Note = note;
        Journey.Step(step).ChangedAt = Now;
    }

    /// <summary>The customer did something: the idle timer starts again.</summary>
    public void CustomerActed() => Saga.IdleWatched = null;

    public void Ignore(string what, string why) =>
        Logger.LogInformation("Journey {CustomerId} ignores {What}: {Why}", CustomerId, what, why);

    public Task PublishAsync<T>(T message)
        where T : class => _publish.Publish(message, _cancellationToken);

    public Task SendEmailAsync(string template, Dictionary<string, string> variables, string? to = null, string? recipientName = null, Guid? recipientId = null) =>
        PublishAsync(new SendEmail
        {
            NotificationId = NewId.NextGuid(),
            CustomerId = recipientId ?? CustomerId,
            To = to ?? Journey.CustomerEmail,
            RecipientName = recipientName ?? Journey.CustomerName,
            Template = template,
            Variables = variables,
            CorrelationId = CustomerId,
        });

    public Task OpenTicketAsync(Guid ticketId, string kind, string subject, string body, Guid? assignee) =>
        PublishAsync(new OpenTicket
        {
            TicketId = ticketId,
            CustomerId = CustomerId,
            CustomerEmail = Journey.CustomerEmail,
            CustomerName = Journey.CustomerName,
            AssigneeId = assignee,
            Kind = kind,
            Subject = subject,
            Body = body,
            RequestedAt = Now,
            CorrelationId = CustomerId,
        });

    /// <summary>Step <paramref name="step"/> (6, 11 or 19) waits for a staff decision; the request joins the staff queue.</summary>
    public void RequestApproval(int step)
    {
        var approval = new Approval
        {
            Id = NewId.NextGuid(),
            CustomerId = CustomerId,
            CustomerName = Journey.CustomerName,
            CustomerEmail = Journey.CustomerEmail,
            Step = step,
            SuccessManagerId = step == JourneySteps.DetailsApproved ? null : Journey.SuccessManagerId,
            RequestedAt = Now,
        };
        Db.Approvals.Add(approval);
        Saga.PendingApprovalId = approval.Id;
        Set(step, StepStatuses.AwaitingApproval);
    }

    /// <summary>Ends the transition: publishes the completed steps, picks the step the idle timer watches, moves the saga's state.</summary>
    public async Task FinishAsync(JourneyStateMachine machine)
    {
        foreach (var completed in _completed)
            await PublishAsync(completed);
        foreach (var message in _events)
            await _publish.Publish(message, message.GetType(), _cancellationToken);

        Saga.IdleStep = Journey.Status == JourneyStatuses.Completed
            ? null
            : Journey.WaitingOnCustomer().Where(step => (Saga.RemindedSteps & (1 << step)) == 0).Select(step => (int?)step).FirstOrDefault();

        await _transitionTo(machine.StateOf(Journey));
    }

    public Dictionary<string, string> Variables(params (string Key, string Value)[] extra)
    {
        var variables = new Dictionary<string, string> { ["displayName"] = Journey.CustomerName };
        foreach (var (key, value) in extra)
            variables[key] = value;
        return variables;
    }

    public Task<bool> HasUnansweredQuestionsAsync(Guid? except = null) =>
        Db.Questions.AnyAsync(q => q.CustomerId == CustomerId && q.AnsweredAt == null && q.TicketId != except, _cancellationToken);
}
