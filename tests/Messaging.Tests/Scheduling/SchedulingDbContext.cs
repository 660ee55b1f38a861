using Microsoft.EntityFrameworkCore;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

/// <summary>Plays the DbContext of a service that hosts its own scheduler: the scheduler table and a saga that schedules.</summary>
public sealed class SchedulingDbContext(DbContextOptions<SchedulingDbContext> options) : DbContext(options)
{
    public const string SchedulerTable = "scheduling_test_scheduled_message";

    public DbSet<ApprovalState> Approvals => Set<ApprovalState>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddSchedulerTable(SchedulerTable);
        modelBuilder.MapSaga<ApprovalState>("scheduling_test_approval_saga", saga => saga.Property(s => s.CurrentState).HasMaxLength(64));
    }
}
