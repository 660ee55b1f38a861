using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training;

/// <summary>
/// Course authoring (admins only). A course is edited as a draft version; publishing freezes it, and
/// a new draft starts as a copy of the latest published version with the same module, question and
/// choice ids. Enrollments keep the version they started with.
/// </summary>
public static class AuthoringApi
{
    /// <summary>Every course with its latest version, drafts included (the learners' list shows published ones only).</summary>
    public static async Task<Ok<List<AuthoredCourse>>> ListAsync(TrainingDbContext db, CancellationToken cancellationToken)
    {
        var courses = await db.Courses.AsNoTracking().Include(c => c.Versions).ToListAsync(cancellationToken);
        return TypedResults.Ok(courses
            .Select(c => (Course: c, Latest: c.Versions.MaxBy(v => v.Version)!))
            .OrderBy(x => x.Course.Level == Contracts.Training.CourseLevels.Initial ? 0 : 1).ThenBy(x => x.Latest.Title)
            .Select(x => new AuthoredCourse(x.Course.Id, x.Course.Level, x.Latest.Title, x.Latest.Version, x.Latest.Status,
                x.Course.Versions.Where(v => v.Status == CourseVersionStatus.Published).Max(v => (int?)v.Version)))
            .ToList());
    }

    public static async Task<Results<Ok<AdminCourseView>, NotFound>> GetAsync(Guid courseId, int? version, TrainingDbContext db, CancellationToken cancellationToken)
    {
        var course = await db.Courses.AsNoTracking().Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        var shown = course?.Versions
            .Where(v => version is null || v.Version == version)
            .OrderByDescending(v => v.IsDraft).ThenByDescending(v => v.Version)
            .FirstOrDefault();
        return shown is null ? TypedResults.NotFound() : TypedResults.Ok(AdminCourseView.Of(course!.Level, shown, Summaries(course)));
    }

    public static async Task<Results<Created<AdminCourseView>, ValidationProblem>> CreateAsync(
        HttpRequest request, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, errors) = await JsonRequestBody.ReadAsync<CourseRequest>(request, cancellationToken);
        if (body is null)
            return TypedResults.ValidationProblem(errors!);
        if (AuthoringValidation.Course(body, creating: true) is { Count: > 0 } invalid)
            return TypedResults.ValidationProblem(invalid);

        var now = time.GetUtcNow();
        var course = new Course { Id = Guid.CreateVersion7(), Level = body.Level!, CreatedAt = now };
        course.Versions.Add(new CourseVersion
        {
            CourseId = course.Id, Version = 1, Title = body.Title!.Trim(), Description = body.Description?.Trim() ?? "", CreatedAt = now,
            Content = new CourseContent([], new Quiz(Guid.CreateVersion7(), body.PassMark ?? Quiz.DefaultPassMark, body.AttemptsAllowed ?? Quiz.DefaultAttemptsAllowed, [])),
        });
        db.Courses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/training/admin/courses/{course.Id}", AdminCourseView.Of(course.Level, course.Versions[0], Summaries(course)));
    }

    /// <summary>Starts the next version as a copy of the latest published one.</summary>
    public static async Task<Results<Created<AdminCourseView>, NotFound, ProblemHttpResult>> NewVersionAsync(
        Guid courseId, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var course = await db.Courses.Include(c => c.Versions).FirstOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
            return TypedResults.NotFound();
        if (course.Versions.Any(v => v.IsDraft))
            return Problems.Conflict("The course already has a draft; edit or publish it first.");

        var latest = course.Versions.MaxBy(v => v.Version)!;
        var draft = new CourseVersion
        {
            CourseId = courseId, Version = latest.Version + 1, Title = latest.Title, Description = latest.Description,
            Content = latest.Content, CreatedAt = time.GetUtcNow(),
        };
        course.Versions.Add(draft);
        return await EnrollmentsApi.SaveAsync(db, cancellationToken)
            ? TypedResults.Created($"/api/training/admin/courses/{courseId}", AdminCourseView.Of(course.Level, draft, Summaries(course)))
            : Problems.Conflict("Another draft was started at the same time.");
    }

    public static async Task<Results<Ok<AdminCourseView>, NotFound, ValidationProblem, ProblemHttpResult>> PublishAsync(
        Guid courseId, TrainingDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        await DraftEditor.EditAsync(courseId, db, draft =>
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (draft.Content.Modules.Count == 0)
                errors["modules"] = ["A course needs at least one module before it is published."];
            if (draft.Content.Quiz.Questions.Count == 0)
                errors["quiz.questions"] = ["A quiz needs at least one question before it is published."];
            if (errors.Count > 0)
                return DraftEdit.Invalid(errors);
            draft.Status = CourseVersionStatus.Published;
            draft.PublishedAt = time.GetUtcNow();
            return DraftEdit.Done;
        }, cancellationToken);

    internal static List<VersionSummary> Summaries(Course course) =>
        course.Versions.OrderBy(v => v.Version).Select(v => new VersionSummary(v.Version, v.Status, v.PublishedAt)).ToList();
}
