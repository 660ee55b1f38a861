using CustomerPlatform.Contracts.Training;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training.Consumers;

/// <summary>
/// Enrolls a customer in the latest published version of the level's course. Idempotent by customer and
/// course (in fact by customer and level): a repeat answers with the same CustomerEnrolled and creates nothing.
/// </summary>
public sealed class EnrollInCourseConsumer(TrainingDbContext db, TimeProvider time, ILogger<EnrollInCourseConsumer> logger) : IConsumer<EnrollInCourse>
{
    /// <summary>Held until the consumer outbox's transaction ends: two copies of the command wait for each other.</summary>
    private const string CustomerLockSql = "SELECT pg_advisory_xact_lock({0})";

    public async Task Consume(ConsumeContext<EnrollInCourse> context)
    {
        var command = context.Message;
        if (!CourseLevels.All.Contains(command.Level))
        {
            logger.LogError("EnrollInCourse for customer {CustomerId} names an unknown level {Level}; it is ignored", command.CustomerId, command.Level);
            return;
        }

        // A repeat finds the first enrollment at the level, even if another course of that level was
        // published since: the journey asked once, so the customer is enrolled once.
        await db.Database.ExecuteSqlRawAsync(CustomerLockSql, [LockKey(command.CustomerId)], context.CancellationToken);
        var enrollment = await db.Enrollments.AsNoTracking()
            .Where(e => e.CustomerId == command.CustomerId && e.Level == command.Level)
            .OrderBy(e => e.EnrolledAt)
            .FirstOrDefaultAsync(context.CancellationToken);
        if (enrollment is null)
        {
            var course = await db.CourseVersions.AsNoTracking()
                .Where(v => v.Status == CourseVersionStatus.Published && db.Courses.Any(c => c.Id == v.CourseId && c.Level == command.Level))
                .OrderByDescending(v => v.PublishedAt).ThenByDescending(v => v.Version)
                .Select(v => new { v.CourseId, v.Version, v.Content })
                .FirstOrDefaultAsync(context.CancellationToken)
                ?? throw new InvalidOperationException($"No published course at level '{command.Level}'.");
            enrollment = new Enrollment
            {
                Id = NewId.NextGuid(),
                CustomerId = command.CustomerId,
                CourseId = course.CourseId,
                CourseVersion = course.Version,
                Level = command.Level,
                AttemptsAllowed = course.Content.Quiz.AttemptsAllowed,
                EnrolledAt = time.GetUtcNow(),
                CorrelationId = command.CorrelationId,
            };
            db.Enrollments.Add(enrollment);
            logger.LogInformation("Customer {CustomerId} is enrolled in {Level} course {CourseId} v{Version}", command.CustomerId, command.Level, course.CourseId, course.Version);
        }

        await context.Publish(TrainingEvents.Enrolled(enrollment, command.CorrelationId));
    }

    private static long LockKey(Guid customerId) => BitConverter.ToInt64(customerId.ToByteArray(), 8);
}
