using System.Security.Claims;
using CustomerPlatform.Contracts.Onboarding;
using CustomerPlatform.Contracts.Ticketing;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CustomerPlatform.Onboarding;

/// <summary>The journey itself, step 5, step 17, help and the survey.</summary>
public static class JourneyApi
{
    public static Ok<List<TourFeature>> GetTour(IOptions<OnboardingOptions> options) => TypedResults.Ok(options.Value.Tour);

    public static async Task<Results<Ok<JourneyResponse>, NotFound>> GetJourneyAsync(ClaimsPrincipal user, OnboardingDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, user.GetCustomerId(), cancellationToken) is { } journey
            ? TypedResults.Ok(JourneyResponse.From(journey))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<JourneyResponse>, NotFound>> GetCustomerJourneyAsync(Guid customerId, ClaimsPrincipal user, OnboardingDbContext db, CancellationToken cancellationToken) =>
        (user.IsStaff() || user.GetCustomerId() == customerId) && await FindAsync(db, customerId, cancellationToken) is { } journey
            ? TypedResults.Ok(JourneyResponse.From(journey))
            : TypedResults.NotFound();

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> SubmitDetailsAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<DetailsRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (RequestValidation.Details(body) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);

        if (await FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.Is(JourneySteps.DetailsSubmitted, StepStatuses.Active))
            return Conflict("The details form is not open: step 5 is not active.");

        await publish.Publish(new SubmitJourneyDetails
        {
            CustomerId = journey.CustomerId,
            Company = body.Company!.Trim(),
            JobTitle = body.JobTitle!.Trim(),
            TeamSize = body.TeamSize!.Value,
            Goals = body.Goals?.Trim(),
            Phone = body.Phone!.Trim(),
            Timezone = body.Timezone!,
            SubmittedAt = time.GetUtcNow(),
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> AnswerOfferAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<AdvancedTrainingRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.Accept is not { } accept)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accept"] = ["'accept' is required: true or false."] });

        if (await FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (!journey.Is(JourneySteps.AdvancedTrainingOffered, StepStatuses.Active))
            return Conflict("Advanced training is not on offer: step 17 is not active.");

        await publish.Publish(new AnswerAdvancedTrainingOffer { CustomerId = journey.CustomerId, Accept = accept, AnsweredAt = time.GetUtcNow() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>A help ticket, straight to Ticketing: it changes nothing in the journey.</summary>
    public static async Task<Results<Created<TicketCreated>, ValidationProblem, NotFound>> AskForHelpAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<HelpRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        RequestValidation.Required(invalid, "body", body.Body, 5000);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        if (await FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();

        var current = journey.Steps.FirstOrDefault(s => s.Status is not (StepStatuses.Completed or StepStatuses.Skipped));
        var ticketId = NewId.NextGuid();
        await publish.Publish(new OpenTicket
        {
            TicketId = ticketId,
            CustomerId = journey.CustomerId,
            CustomerEmail = journey.CustomerEmail,
            CustomerName = journey.CustomerName,
            AssigneeId = journey.SuccessManagerId,
            Kind = TicketKinds.Help,
            Subject = current is null ? "Help after onboarding" : $"Help with step {current.Number}: {JourneySteps.Get(current.Number).Title}",
            Body = body.Body!,
            RequestedAt = time.GetUtcNow(),
            CorrelationId = journey.CustomerId,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/support/tickets/{ticketId}", new TicketCreated(ticketId));
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> AnswerSurveyAsync(
        HttpRequest request, ClaimsPrincipal user, OnboardingDbContext db, IPublishEndpoint publish, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<SurveyRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        if (body.Score is not (>= 1 and <= 5))
            invalid["score"] = ["'score' is required: a whole number from 1 to 5."];
        RequestValidation.Optional(invalid, "comment", body.Comment, 2000);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        if (await FindAsync(db, user.GetCustomerId(), cancellationToken) is not { } journey)
            return TypedResults.NotFound();
        if (journey.Status != JourneyStatuses.Completed)
            return Conflict("The survey opens when the journey is complete.");
        if (journey.Survey is not null)
            return Conflict("The survey is already answered.");

        await publish.Publish(new AnswerSurvey { CustomerId = journey.CustomerId, Score = body.Score!.Value, Comment = body.Comment, AnsweredAt = time.GetUtcNow() }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Accepted((string?)null);
    }

    public static Task<Journey?> FindAsync(OnboardingDbContext db, Guid customerId, CancellationToken cancellationToken) =>
        db.Journeys.AsNoTracking().SingleOrDefaultAsync(j => j.CustomerId == customerId, cancellationToken);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible at this point of the journey");
}
