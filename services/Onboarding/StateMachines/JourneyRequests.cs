using CustomerPlatform.Messaging;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CustomerPlatform.Onboarding;

/// <summary>
/// What a customer or staff member asks of a journey takes effect inside their request, on the
/// journey's locked saga row (ADR-014): the answer is given on the state the change was made to, so a
/// 201/202 means it happened and anything that cannot happen is refused there and then with 409.
/// Requests for one journey, from any replica, apply one after the other in the order they took the
/// lock, and never interleave with the saga's own messages. The saga hears of each change
/// (<see cref="JourneyChanged"/>) only to re-arm its timers.
/// </summary>
public sealed class JourneyRequests(OnboardingDbContext db, IPublishEndpoint publish, IServiceProvider services, JourneyStateMachine machine)
{
    /// <summary>
    /// Runs <paramref name="change"/> on <paramref name="customerId"/>'s journey; it returns why the
    /// change is not possible at this point of the journey (nothing it did is kept), or null when it
    /// took effect.
    /// </summary>
    public Task<JourneyOutcome> ChangeAsync(Guid customerId, Func<JourneyContext, Task<string?>> change, CancellationToken cancellationToken) =>
        db.InSagaTransactionAsync<OnboardingDbContext, JourneyState, JourneyOutcome>(customerId, async saga =>
        {
            if (saga is null || await db.Journeys.FindAsync([customerId], cancellationToken) is not { } journey)
                return JourneyOutcome.NotFound;

            var context = JourneyContext.ForRequest(services, saga, journey, publish, cancellationToken);
            if (await change(context) is { } refusal)
            {
                db.ChangeTracker.Clear();
                return JourneyOutcome.Refused(refusal);
            }

            await context.FinishAsync(machine);

            // The timers follow the saga row's fields alone; a request that sent something without
            // touching them (help) has nothing for the saga to re-arm.
            if (db.Entry(saga).State == EntityState.Modified)
                await publish.Publish(new JourneyChanged { CustomerId = customerId }, cancellationToken);
            return JourneyOutcome.Applied;
        }, cancellationToken);
}

/// <summary>What became of a request to a journey.</summary>
public sealed record JourneyOutcome(bool Found, string? Refusal)
{
    public static readonly JourneyOutcome NotFound = new(false, null);
    public static readonly JourneyOutcome Applied = new(true, null);

    public static JourneyOutcome Refused(string why) => new(true, why);

    /// <summary>202, 404, or 409 with why the journey cannot do it now.</summary>
    public Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult> Accepted() =>
        !Found ? TypedResults.NotFound()
        : Refusal is not null ? JourneyApi.Conflict(Refusal)
        : TypedResults.Accepted((string?)null);

    /// <summary>201 with what was created, 404, or 409 with why the journey cannot do it now.</summary>
    public Results<Created<T>, ValidationProblem, NotFound, ProblemHttpResult> Created<T>(string location, T created) =>
        !Found ? TypedResults.NotFound()
        : Refusal is not null ? JourneyApi.Conflict(Refusal)
        : TypedResults.Created(location, created);
}

/// <summary>A request changed the journey: the saga re-arms its timers on the new state.</summary>
public sealed record JourneyChanged
{
    public Guid CustomerId { get; init; }
}
