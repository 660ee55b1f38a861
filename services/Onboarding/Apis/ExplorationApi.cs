using System.Security.Claims;
using CustomerPlatform.Contracts.Onboarding;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Onboarding;

/// <summary>Steps 12–15: profile, tools, the product tour, questions, and "I am done".</summary>
public static class ExplorationApi
{
    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> SaveProfileAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ProfileRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (RequestValidation.Profile(body) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);

        var profile = new SaveJourneyProfile
        {
            CustomerId = user.GetCustomerId(),
            Headline = body.Headline!.Trim(),
            Bio = body.Bio!.Trim(),
            Expertise = body.Expertise!.Select(e => e!.Trim()).ToList(),
            SavedAt = time.GetUtcNow(),
        };
        return (await journeys.ChangeAsync(profile.CustomerId, journey => ExplorationTransitions.ProfileSavedAsync(journey, profile), cancellationToken)).Accepted();
    }

    public static async Task<Results<Ok<List<IntegrationResponse>>, NotFound>> GetIntegrationsAsync(ClaimsPrincipal user, OnboardingDbContext db, CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        if (!await db.Journeys.AnyAsync(j => j.CustomerId == customerId, cancellationToken))
            return TypedResults.NotFound();
        return TypedResults.Ok(await db.Integrations.AsNoTracking()
            .Where(i => i.CustomerId == customerId)
            .OrderBy(i => i.ConnectedAt)
            .Select(i => new IntegrationResponse(i.Id, i.Kind, i.Provider, i.Account, i.ConnectedAt))
            .ToListAsync(cancellationToken));
    }

    /// <summary>Stored with the journey, under its lock: step 13's "done" sees it at once.</summary>
    public static async Task<Results<Created<IntegrationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> ConnectIntegrationAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<IntegrationRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        if (body.Kind is null || !IntegrationKinds.All.Contains(body.Kind))
            invalid["kind"] = [$"'kind' must be one of: {string.Join(", ", IntegrationKinds.All)}."];
        RequestValidation.Required(invalid, "provider", body.Provider, 200);
        RequestValidation.Required(invalid, "account", body.Account, 200);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        var integration = new Integration
        {
            Id = NewId.NextGuid(),
            CustomerId = user.GetCustomerId(),
            Kind = body.Kind!,
            Provider = body.Provider!.Trim(),
            Account = body.Account!.Trim(),
            ConnectedAt = time.GetUtcNow(),
        };
        var outcome = await journeys.ChangeAsync(integration.CustomerId, async journey =>
        {
            if (ExplorationTransitions.IntegrationConnected(journey, integration) is { } refusal)
                return refusal;
            await journey.PublishAsync(new IntegrationConnected
            {
                IntegrationId = integration.Id,
                CustomerId = integration.CustomerId,
                Kind = integration.Kind,
                Provider = integration.Provider,
                ConnectedAt = integration.ConnectedAt,
            });
            return null;
        }, cancellationToken);
        return outcome.Created($"/api/onboarding/journey/integrations/{integration.Id}",
            new IntegrationResponse(integration.Id, integration.Kind, integration.Provider, integration.Account, integration.ConnectedAt));
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> ExploreAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, IOptions<OnboardingOptions> options, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ExplorationRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var tour = options.Value.Tour.Select(f => f.Feature).ToList();
        if (body.Feature is null || !tour.Contains(body.Feature))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["feature"] = [$"'feature' must be one of the tour's: {string.Join(", ", tour)}."] });

        var explored = new ExploreFeature { CustomerId = user.GetCustomerId(), Feature = body.Feature, ExploredAt = time.GetUtcNow() };
        return (await journeys.ChangeAsync(explored.CustomerId, journey => ExplorationTransitions.FeatureExploredAsync(journey, explored), cancellationToken)).Accepted();
    }

    public static async Task<Results<Created<TicketCreated>, ValidationProblem, NotFound, ProblemHttpResult>> AskAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<QueryRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        RequestValidation.Required(invalid, "subject", body.Subject, 200);
        RequestValidation.Required(invalid, "body", body.Body, 5000);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        var question = new AskOnboardingQuestion
        {
            CustomerId = user.GetCustomerId(),
            TicketId = NewId.NextGuid(),
            Subject = body.Subject!.Trim(),
            Body = body.Body!,
            AskedAt = time.GetUtcNow(),
        };
        return (await journeys.ChangeAsync(question.CustomerId, journey => ExplorationTransitions.QuestionAskedAsync(journey, question), cancellationToken))
            .Created($"/api/support/tickets/{question.TicketId}", new TicketCreated(question.TicketId));
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> MarkDoneAsync(
        string key, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
    {
        if (JourneySteps.Find(key) is not { } step || !JourneySteps.DoneByCustomer.Contains(step.Number))
        {
            var keys = string.Join(", ", JourneySteps.DoneByCustomer.Select(n => JourneySteps.Get(n).Key));
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = [$"Only these steps can be marked done: {keys}."] });
        }

        var done = new MarkJourneyStepDone { CustomerId = user.GetCustomerId(), Key = step.Key, DoneAt = time.GetUtcNow() };
        return (await journeys.ChangeAsync(done.CustomerId, journey => ExplorationTransitions.StepDoneAsync(journey, done), cancellationToken)).Accepted();
    }
}
