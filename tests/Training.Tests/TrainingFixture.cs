using CustomerPlatform.Contracts.Training;
using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Training.Tests;

/// <summary>
/// Real PostgreSQL and RabbitMQ, the Training service in-process, and a second host standing for
/// Onboarding: it publishes the commands and records the events.
/// </summary>
public sealed class TrainingFixture() : ServiceFixture<TrainingDbContext, TrainingDbContext>(
    "training-tests",
    [TestServer.Postgres(ResourceNames.Databases.Training), TestServer.RabbitMq()],
    typeof(CustomerEnrolled), typeof(TrainingCompleted), typeof(TrainingAttemptsExhausted), typeof(ExtraAttemptsGranted))
{
    protected override void AddSettings(IDictionary<string, string?> settings) =>
        settings["Logging:LogLevel:Default"] = "Warning";

    /// <summary>Enrolls a new customer through the bus, as Onboarding does, and returns the CustomerEnrolled answer.</summary>
    public async Task<CustomerEnrolled> EnrollAsync(Guid customerId, string level = CourseLevels.Initial, Guid? correlationId = null)
    {
        await Bus.Publish(new EnrollInCourse { CustomerId = customerId, Level = level, CorrelationId = correlationId });
        return await Events.WaitForAsync<CustomerEnrolled>(e => e.CustomerId == customerId && e.Level == level);
    }

    public Task<int> AttemptCountAsync(Guid enrollmentId) =>
        ReadAsync(db => db.QuizAttempts.CountAsync(a => a.EnrollmentId == enrollmentId));
}
