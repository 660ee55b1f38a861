using System.Security.Claims;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training;

/// <summary>
/// Grades a quiz attempt on the server. The quiz may be taken before the modules are done; the
/// enrollment completes when both hold. Once passed, further attempts are refused (409) until a CSM
/// reopens the training: they could only burn attempts, since the best one counts.
/// </summary>
public static class QuizAttemptsApi
{
    public static async Task<Results<Ok<AttemptResult>, NotFound, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        Guid enrollmentId, HttpRequest request, ClaimsPrincipal user, TrainingDbContext db, IPublishEndpoint publisher, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<SubmitAttemptRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);

        var customerId = user.GetCustomerId();
        var row = await EnrollmentsApi.WithVersion(db, db.Enrollments.AsTracking().Where(e => e.Id == enrollmentId && e.CustomerId == customerId))
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            return TypedResults.NotFound();

        var (enrollment, quiz) = (row.Enrollment, row.Content.Quiz);
        if (AnswerValidation.Validate(body, quiz, out var answers) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);
        if (enrollment.Passed)
            return Problems.Conflict("The quiz is already passed; no further attempts are taken.");
        if (enrollment.AttemptsLeft == 0)
            return Problems.Conflict("Every attempt has been used; a success manager can grant extra attempts.");

        var now = time.GetUtcNow();
        var (score, passed, graded) = Grading.Grade(quiz, answers);
        db.QuizAttempts.Add(new QuizAttempt
        {
            Id = NewId.NextGuid(), EnrollmentId = enrollment.Id, CustomerId = customerId, Number = enrollment.NextAttemptNumber,
            Answers = graded, Score = score, Passed = passed, StartedAt = enrollment.AttemptStartedAt ?? now, SubmittedAt = now,
        });
        if (enrollment.RecordAttempt(score, passed, row.Content, now))
            await publisher.Publish(TrainingEvents.Completed(enrollment), cancellationToken);
        else if (enrollment.Status == EnrollmentStatus.AttemptsExhausted)
            await publisher.Publish(TrainingEvents.Exhausted(enrollment, now), cancellationToken);

        return await EnrollmentsApi.SaveAsync(db, cancellationToken)
            ? TypedResults.Ok(new AttemptResult(score, passed, enrollment.AttemptsLeft))
            : Problems.Conflict("Another attempt was submitted at the same time; reload the quiz.");
    }
}
