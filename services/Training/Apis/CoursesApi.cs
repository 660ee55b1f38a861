using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training;

/// <summary>The published courses, as learners see them.</summary>
public static class CoursesApi
{
    public static async Task<Ok<List<CourseSummary>>> ListAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        // Each course's latest published version; drafts are for the authoring API only.
        var latest = await db.CourseVersions.AsNoTracking()
            .Where(v => v.Status == CourseVersionStatus.Published)
            .Where(v => !db.CourseVersions.Any(n => n.CourseId == v.CourseId && n.Status == CourseVersionStatus.Published && n.Version > v.Version))
            .Join(db.Courses, v => v.CourseId, c => c.Id, (v, c) => new { c.Level, Version = v })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(latest
            .OrderBy(x => x.Level == Contracts.Training.CourseLevels.Initial ? 0 : 1).ThenBy(x => x.Version.Title)
            .Select(x => new CourseSummary(x.Version.CourseId, x.Level, x.Version.Version, x.Version.Title, x.Version.Description,
                x.Version.Content.Modules.Count, x.Version.Content.Quiz.Questions.Count, x.Version.Content.Modules.Sum(m => m.EstimatedMinutes)))
            .ToList());
    }

    /// <summary>
    /// A customer enrolled in the course sees the version they are enrolled in, shuffled for their next
    /// attempt (the first look at an attempt also marks when it started); anyone else sees the latest
    /// published version.
    /// </summary>
    public static async Task<Results<Ok<CourseView>, NotFound>> GetAsync(
        Guid courseId, ClaimsPrincipal user, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var callerId = user.GetCustomerId();
        var enrollment = user.IsStaff()
            ? null
            : await db.Enrollments.AsNoTracking()
                .Where(e => e.CustomerId == callerId && e.CourseId == courseId)
                .Select(e => new { e.Id, e.CourseVersion, e.AttemptsUsed, e.AttemptStartedAt })
                .FirstOrDefaultAsync(cancellationToken);

        var versions = db.CourseVersions.AsNoTracking().Where(v => v.CourseId == courseId && v.Status == CourseVersionStatus.Published);
        var found = await (enrollment is null ? versions.OrderByDescending(v => v.Version) : versions.Where(v => v.Version == enrollment.CourseVersion))
            .Join(db.Courses, v => v.CourseId, c => c.Id, (v, c) => new { c.Level, Version = v })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return TypedResults.NotFound();

        if (enrollment is null)
            return TypedResults.Ok(CourseViews.ForLearner(courseId, found.Level, found.Version, null, null, QuizShuffle.For(callerId, courseId, 0)));

        var attempt = enrollment.AttemptsUsed + 1;
        if (enrollment.AttemptStartedAt is null)
        {
            var now = time.GetUtcNow();
            await db.Enrollments.Where(e => e.Id == enrollment.Id && e.AttemptStartedAt == null)
                .ExecuteUpdateAsync(e => e.SetProperty(x => x.AttemptStartedAt, now), cancellationToken);
        }

        return TypedResults.Ok(CourseViews.ForLearner(courseId, found.Level, found.Version, enrollment.Id, attempt,
            QuizShuffle.For(callerId, enrollment.Id, attempt)));
    }
}
