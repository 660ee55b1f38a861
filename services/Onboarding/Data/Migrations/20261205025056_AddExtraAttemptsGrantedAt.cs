using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Onboarding.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddExtraAttemptsGrantedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "extra_attempts_granted_at",
                table: "journey_saga",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "extra_attempts_granted_at",
                table: "journey_saga");
        }
    }
}
