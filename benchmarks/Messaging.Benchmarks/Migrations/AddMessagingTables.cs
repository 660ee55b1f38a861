using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Messaging.Benchmarks.Migrations;

/// <summary>The inbox and outbox tables of <c>modelBuilder.AddMessagingTables()</c>, as a service's migration creates them.</summary>
[DbContext(typeof(BenchDbContext))]
[Migration("20260102000000_AddMessagingTables")]
public sealed class AddMessagingTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.CreateMessagingTables();

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropMessagingTables();
}
