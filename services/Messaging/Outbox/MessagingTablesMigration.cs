using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Messaging;

/// <summary>
/// The migration every service starts its messaging with: the inbox, the outbox and the scheduler's
/// table. A service derives one class from it, naming its DbContext and a migration id:
/// <code>[DbContext(typeof(AppDbContext))] [Migration("20261123000000_AddMessaging")] public sealed class AddMessaging : MessagingTablesMigration;</code>
/// </summary>
public abstract class MessagingTablesMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateMessagingTables();
        migrationBuilder.CreateSchedulerTable();
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropSchedulerTable();
        migrationBuilder.DropMessagingTables();
    }
}
