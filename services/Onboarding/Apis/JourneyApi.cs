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
            ? TypedResults.Ok(JourneyResponses.From(journey))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<JourneyResponse>, NotFound>> GetCustomerJourneyAsync(Guid customerId, ClaimsPrincipal user, OnboardingDbContext db, CancellationToken cancellationToken) =>
        (user.IsStaff() || user.GetCustomerId() == customerId) && await FindAsync(db, customerId, cancellationToken) is { } journey
            ? TypedResults.Ok(JourneyResponses.From(journey))
            : TypedResults.NotFound();

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> SubmitDetailsAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<DetailsRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (RequestValidation.Details(body) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);

        var details = new SubmitJourneyDetails
        {
            CustomerId = user.GetCustomerId(),
            Company = body.Company!.Trim(),
            JobTitle = body.JobTitle!.Trim(),
            TeamSize = body.TeamSize!.Value,
            Goals = body.Goals?.Trim(),
            Phone = body.Phone!.Trim(),
            Timezone = body.Timezone!,
            SubmittedAt = time.GetUtcNow(),
        };
        return (await journeys.ChangeAsync(details.CustomerId, journey => Task.FromResult(SignUpTransitions.DetailsSubmitted(journey, details)), cancellationToken)).Accepted();
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> AnswerOfferAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<AdvancedTrainingRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.Accept is not { } accept)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accept"] = ["'accept' is required: true or false."] });

        var answer = new AnswerAdvancedTrainingOffer { CustomerId = user.GetCustomerId(), Accept = accept, AnsweredAt = time.GetUtcNow() };
        return (await journeys.ChangeAsync(answer.CustomerId, journey => TrainingTransitions.OfferAnsweredAsync(journey, answer), cancellationToken)).Accepted();
    }

    /// <summary>
    /// A help ticket for Ticketing; it changes no step. It is sent under the journey's lock, so its
    /// subject names the step that was current when it was accepted, whatever completes next.
    /// </summary>
    public static async Task<Results<Created<TicketCreated>, ValidationProblem, NotFound>> AskForHelpAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<HelpRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        var invalid = RequestValidation.Errors();
        RequestValidation.Required(invalid, "body", body.Body, 5000);
        if (invalid.Count > 0)
            return TypedResults.ValidationProblem(invalid);

        var ticketId = NewId.NextGuid();
        var outcome = await journeys.ChangeAsync(user.GetCustomerId(), async journey =>
        {
            var current = journey.Journey.Steps.FirstOrDefault(s => s.Status is not (StepStatuses.Completed or StepStatuses.Skipped));
            var subject = current is null ? "Help after onboarding" : $"Help with step {current.Number}: {JourneySteps.Get(current.Number).Title}";
            await journey.OpenTicketAsync(ticketId, TicketKinds.Help, subject, body.Body!, journey.Journey.SuccessManagerId);
            return null;
        }, cancellationToken);
        return outcome.Found ? TypedResults.Created($"/api/support/tickets/{ticketId}", new TicketCreated(ticketId)) : TypedResults.NotFound();
    }

    public static async Task<Results<Accepted, ValidationProblem, NotFound, ProblemHttpResult>> AnswerSurveyAsync(
        HttpRequest request, ClaimsPrincipal user, JourneyRequests journeys, TimeProvider time, CancellationToken cancellationToken)
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

        var answer = new AnswerSurvey { CustomerId = user.GetCustomerId(), Score = body.Score!.Value, Comment = body.Comment, AnsweredAt = time.GetUtcNow() };
        return (await journeys.ChangeAsync(answer.CustomerId, journey => CompletionTransitions.SurveyAnsweredAsync(journey, answer), cancellationToken)).Accepted();
    }

    public static Task<Journey?> FindAsync(OnboardingDbContext db, Guid customerId, CancellationToken cancellationToken) =>
        db.Journeys.AsNoTracking().SingleOrDefaultAsync(j => j.CustomerId == customerId, cancellationToken);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Not possible at this point of the journey");
}
