using System.Security.Claims;
using CustomerPlatform.Contracts.Training;
using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training;

/// <summary>
/// Enrollments: a customer sees and changes only their own (anyone else's is a 404); staff read any
/// customer's, and CSMs and admins grant extra attempts.
/// </summary>
public static class EnrollmentsApi
{
    public static async Task<Results<Ok<List<EnrollmentView>>, ValidationProblem>> ListAsync(
        string? customerId, ClaimsPrincipal user, TrainingDbContext db, CancellationToken cancellationToken)
    {
        Guid owner;
        if (user.IsStaff())
        {
            if (!Guid.TryParse(customerId, out owner))
                return TypedResults.ValidationProblem(Problems.Error("customerId", "Staff must name the customer: ?customerId=<guid>."));
        }
        else
        {
            owner = user.GetCustomerId();
            // Another customer's id shows nothing, exactly as an unknown one would.
            if (customerId is not null && (!Guid.TryParse(customerId, out var asked) || asked != owner))
                return TypedResults.Ok(new List<EnrollmentView>());
        }

        var rows = await WithVersion(db, db.Enrollments.AsNoTracking().Where(e => e.CustomerId == owner)).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(r => r.Enrollment.EnrolledAt).Select(r => EnrollmentViews.Of(r.Enrollment, r.Title, r.Content)).ToList());
    }

    public static async Task<Results<Ok<EnrollmentView>, NotFound>> GetAsync(
        Guid enrollmentId, ClaimsPrincipal user, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var row = await WithVersion(db, Visible(db, user).AsNoTracking().Where(e => e.Id == enrollmentId)).FirstOrDefaultAsync(cancellationToken);
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(EnrollmentViews.Of(row.Enrollment, row.Title, row.Content));
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> CompleteModuleAsync(
        Guid enrollmentId, Guid moduleId, ClaimsPrincipal user, TrainingDbContext db, IPublishEndpoint publisher, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var customerId = user.GetCustomerId();
        var row = await WithVersion(db, db.Enrollments.AsTracking().Where(e => e.Id == enrollmentId && e.CustomerId == customerId))
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null || row.Content.Modules.All(m => m.Id != moduleId))
            return TypedResults.NotFound();
        if (row.Enrollment.CompletedModules.Contains(moduleId))
            return TypedResults.NoContent();

        if (row.Enrollment.CompleteModule(moduleId, row.Content, time.GetUtcNow()))
            await publisher.Publish(TrainingEvents.Completed(row.Enrollment), cancellationToken);
        return await SaveAsync(db, cancellationToken) ? TypedResults.NoContent() : Problems.Conflict("The enrollment changed meanwhile; try again.");
    }

    public static async Task<Results<Ok<EnrollmentView>, NotFound, ValidationProblem, ProblemHttpResult>> GrantExtraAttemptsAsync(
        Guid enrollmentId, HttpRequest request, ClaimsPrincipal user, TrainingDbContext db, IPublishEndpoint publisher, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<ExtraAttemptsRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (body.Count is not (>= 1 and <= 10))
            return TypedResults.ValidationProblem(Problems.Error("count", "'count' must be a whole number from 1 to 10."));
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 1000)
            return TypedResults.ValidationProblem(Problems.Error("reason", "'reason' is required (at most 1000 characters): the customer and the audit trail see it."));

        var row = await WithVersion(db, db.Enrollments.AsTracking().Where(e => e.Id == enrollmentId)).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            return TypedResults.NotFound();

        var enrollment = row.Enrollment;
        var now = time.GetUtcNow();
        var grant = new AttemptGrant
        {
            Id = NewId.NextGuid(), EnrollmentId = enrollment.Id, Count = body.Count.Value, Reason = body.Reason.Trim(),
            GrantedBy = user.GetCustomerId(), GrantedAt = now,
        };
        enrollment.GrantAttempts(grant.Count);
        db.AttemptGrants.Add(grant);
        await publisher.Publish(new ExtraAttemptsGranted
        {
            EnrollmentId = enrollment.Id, CustomerId = enrollment.CustomerId, Level = enrollment.Level, Count = grant.Count,
            Reason = grant.Reason, GrantedBy = grant.GrantedBy, GrantedAt = now,
        }, cancellationToken);
        return await SaveAsync(db, cancellationToken)
            ? TypedResults.Ok(EnrollmentViews.Of(enrollment, row.Title, row.Content))
            : Problems.Conflict("The enrollment changed meanwhile; try again.");
    }

    /// <summary>The enrollments the caller may read: a customer's own; any for staff.</summary>
    internal static IQueryable<Enrollment> Visible(TrainingDbContext db, ClaimsPrincipal user)
    {
        if (user.IsStaff())
            return db.Enrollments;
        var customerId = user.GetCustomerId();
        return db.Enrollments.Where(e => e.CustomerId == customerId);
    }

    /// <summary>Each enrollment with the version it is pinned to, in one query.</summary>
    internal static IQueryable<EnrollmentRow> WithVersion(TrainingDbContext db, IQueryable<Enrollment> enrollments) =>
        enrollments.Join(db.CourseVersions,
            e => new { e.CourseId, Version = e.CourseVersion },
            v => new { v.CourseId, v.Version },
            (e, v) => new EnrollmentRow(e, v.Title, v.Content));

    /// <summary>False when another request changed the enrollment first (xmin); nothing is written then.</summary>
    internal static async Task<bool> SaveAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
