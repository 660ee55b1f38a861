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
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ProfileRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (RequestValidation.Profile(body) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);

        if (await JourneyApi.FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.IsCompleted(JourneySteps.InitialTrainingApproved))
            return JourneyApi.Conflict("The profile opens once the initial training is approved (step 11).");

        await publish.Publish(new SaveJourneyProfile
        {
            CustomerId = journey.CustomerId,
            Headline = body.Headline!.Trim(),
            Bio = body.Bio!.Trim(),
            Expertise = body.Expertise!.Select(e => e!.Trim()).ToList(),
            SavedAt = time.GetUtcNow(),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
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

    /// <summary>Stored here (step 13's "done" needs it at once); the journey hears of it only to restart its idle timer.</summary>
    public static async Task<Results<Created<IntegrationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> ConnectIntegrationAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
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

        if (await JourneyApi.FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.IsCompleted(JourneySteps.InitialTrainingApproved))
            return JourneyApi.Conflict("Tools can be connected once the initial training is approved (step 11).");

        var integration = new Integration
        {
            Id = NewId.NextGuid(),
            CustomerId = journey.CustomerId,
            Kind = body.Kind!,
            Provider = body.Provider!.Trim(),
            Account = body.Account!.Trim(),
            ConnectedAt = time.GetUtcNow(),
        };
        db.Integrations.Add(integration);
        await publish.Publish(new IntegrationConnected
        {
            IntegrationId = integration.Id,
            CustomerId = journey.CustomerId,
            Kind = integration.Kind,
            Provider = integration.Provider,
            ConnectedAt = integration.ConnectedAt,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var response = new IntegrationResponse(integration.Id, integration.Kind, integration.Provider, integration.Account, integration.ConnectedAt);
        return TypedResults.Created($"/api/onboarding/journey/integrations/{integration.Id}", response);
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> ExploreAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, IOptions<OnboardingOptions> options, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ExplorationRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var tour = options.Value.Tour.Select(f => f.Feature).ToList();
        if (body.Feature is null || !tour.Contains(body.Feature))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["feature"] = [$"'feature' must be one of the tour's: {string.Join(", ", tour)}."] });

        if (await JourneyApi.FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.IsCompleted(JourneySteps.InitialTrainingApproved))
            return JourneyApi.Conflict("The product tour opens once the initial training is approved (step 11).");

        await publish.Publish(new ExploreFeature { CustomerId = journey.CustomerId, Feature = body.Feature, ExploredAt = time.GetUtcNow() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Created<TicketCreated>, ValidationProblem, NotFound, ProblemHttpResult>> AskAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<QueryRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        RequestValidation.Required(invalid, "subject", body.Subject, 200);
        RequestValidation.Required(invalid, "body", body.Body, 5000);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        if (await JourneyApi.FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.Is(JourneySteps.QueriesAsked, StepStatuses.Active))
            return JourneyApi.Conflict("Questions are taken while step 15 is active.");

        var ticketId = NewId.NextGuid();
        await publish.Publish(new AskOnboardingQuestion
        {
            CustomerId = journey.CustomerId,
            TicketId = ticketId,
            Subject = body.Subject!.Trim(),
            Body = body.Body!,
            AskedAt = time.GetUtcNow(),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/support/tickets/{ticketId}", new TicketCreated(ticketId));
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> MarkDoneAsync(
        string key, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        if (JourneySteps.Find(key) is not { } step || !JourneySteps.DoneByCustomer.Contains(step.Number))
        {
            var keys = string.Join(", ", JourneySteps.DoneByCustomer.Select(n => JourneySteps.Get(n).Key));
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["key"] = [$"Only these steps can be marked done: {keys}."] });
        }

        if (await JourneyApi.FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.Is(step.Number, StepStatuses.Active))
            return JourneyApi.Conflict($"Step {step.Number} ({step.Key}) is not active.");
        if (step.Number == JourneySteps.ToolsIntegrated && !await db.Integrations.AnyAsync(i => i.CustomerId == journey.CustomerId, cancellationToken))
            return JourneyApi.Conflict("Connect at least one tool (POST /api/onboarding/journey/integrations) before finishing this step.");

        await publish.Publish(new MarkJourneyStepDone { CustomerId = journey.CustomerId, Key = step.Key, DoneAt = time.GetUtcNow() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
