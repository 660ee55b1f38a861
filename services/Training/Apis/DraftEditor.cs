using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training;

/// <summary>Loads a course's draft, applies one edit and saves it (xmin keeps two admins from overwriting each other).</summary>
internal static class DraftEditor
{
    public static async Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid courseId, TrainingDbContext db, Func<CourseVersion, DraftEdit> edit, CancellationToken cancellationToken)
    {
        var course = await db.Courses.Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
            return TypedResults.NotFound();
        if (course.Versions.FirstOrDefault(v => v.IsDraft) is not { } draft)
            return Problems.Conflict("The course has no draft: start one with POST /api/training/admin/courses/{courseId}/versions.");

        var outcome = edit(draft);
        if (!outcome.Found)
            return TypedResults.NotFound();
        if (outcome.Errors is { } errors)
            return TypedResults.ValidationProblem(errors);
        return await EnrollmentsApi.SaveAsync(db, cancellationToken)
            ? TypedResults.Ok(AdminCourseView.Of(course.Level, draft, AuthoringApi.Summaries(course)))
            : Problems.Conflict("The draft changed meanwhile; reload it and try again.");
    }
}
