using CustomerPlatform.Messaging.Tests.Counter;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Messaging.Tests.Migrations;

/// <summary>
/// Created by a migration, as a service creates its saga tables (ServiceDefaults' MigrationHostedService
/// runs it at start), rather than EnsureCreated, so the tests go the way production goes.
/// </summary>
[DbContext(typeof(CounterDbContext))]
[Migration("20260101000000_CreateCounterTables")]
public sealed class CreateCounterTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "counter_saga",
            columns: table => new
            {
                CorrelationId = table.Column<Guid>(type: "uuid", nullable: false),
                CurrentState = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Version = table.Column<int>(type: "integer", nullable: false),
                Count = table.Column<int>(type: "integer", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_counter_saga", x => x.CorrelationId));

        migrationBuilder.CreateTable(
            name: "counter_log",
            columns: table => new
            {
                Id = table.Column<Guid>(type: "uuid", nullable: false),
                CounterId = table.Column<Guid>(type: "uuid", nullable: false),
                MessageId = table.Column<Guid>(type: "uuid", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_counter_log", x => x.Id));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "counter_log");
        migrationBuilder.DropTable(name: "counter_saga");
    }
}
