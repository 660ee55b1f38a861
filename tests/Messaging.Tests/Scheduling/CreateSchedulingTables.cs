using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Messaging.Tests.Scheduling;

/// <summary>The scheduler table through the library's migration helper, and the test saga's table, as a service's migration would.</summary>
[DbContext(typeof(SchedulingDbContext))]
[Migration("20260301000000_CreateSchedulingTables")]
public sealed class CreateSchedulingTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateSchedulerTable(SchedulingDbContext.SchedulerTable);

        migrationBuilder.CreateTable(
            name: "scheduling_test_approval_saga",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                CurrentState = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Version = table.Column<int>(type: "integer", nullable: false),
                ReminderTokenId = table.Column<Guid>(type: "uuid", nullable: true),
                ReminderDelayMs = table.Column<int>(type: "integer", nullable: false),
                RemindedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_scheduling_test_approval_saga", x => x.CorrelationId));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "scheduling_test_approval_saga");
        migrationBuilder.DropSchedulerTable(SchedulingDbContext.SchedulerTable);
    }
}
