using CustomerPlatform.Contracts.Training;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training.Consumers;

/// <summary>
/// A rejected training approval: the customer's enrollment at the level must be passed again, with the
/// quiz's attempts given afresh. Idempotent by ReopenId (remembered on the enrollment).
/// </summary>
public sealed class ReopenTrainingConsumer(TrainingDbContext db, ILogger<ReopenTrainingConsumer> logger) : IConsumer<ReopenTraining>
{
    public async Task Consume(ConsumeContext<ReopenTraining> context)
    {
        var command = context.Message;
        var enrollment = await db.Enrollments
            .Where(e => e.CustomerId == command.CustomerId && e.Level == command.Level)
            .OrderByDescending(e => e.EnrolledAt)
            .FirstOrDefaultAsync(context.CancellationToken);
        if (enrollment is null)
        {
            logger.LogWarning("ReopenTraining {ReopenId}: customer {CustomerId} has no {Level} enrollment; nothing to reopen",
                command.ReopenId, command.CustomerId, command.Level);
            return;
        }

        var content = await db.CourseVersions.AsNoTracking()
            .Where(v => v.CourseId == enrollment.CourseId && v.Version == enrollment.CourseVersion)
            .Select(v => v.Content)
            .SingleAsync(context.CancellationToken);
        if (enrollment.Reopen(command.ReopenId, content.Quiz.AttemptsAllowed))
            logger.LogInformation("Enrollment {EnrollmentId} is reopened ({Reason})", enrollment.Id, command.Reason);
    }
}
