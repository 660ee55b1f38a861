using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Onboarding.Data.Migrations
{
    /// <summary>When the journey's address was last changed (Identity's <c>CustomerEmailChanged</c>), so a late, older change is ignored.</summary>
    public partial class AddCustomerEmailChangedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "customer_email_changed_at",
                table: "journeys",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "customer_email_changed_at",
                table: "journeys");
        }
    }
}
