using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Loyalty.Data.Migrations
{
    /// <inheritdoc />
    public partial class LifecycleEarning : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_loyalty_members_customer_id",
                table: "loyalty_members");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "email_changed_at",
                table: "loyalty_members",
                type: "timestamp with time zone",
                nullable: true);

            // A customer with several members from before (ADR-033): the oldest keeps the customer, the others keep their
            // address and points without it.
            migrationBuilder.Sql("""
                UPDATE loyalty_members m SET customer_id = NULL
                WHERE customer_id IS NOT NULL AND EXISTS (
                    SELECT 1 FROM loyalty_members o
                    WHERE o.customer_id = m.customer_id AND (o.created_at, o.id) < (m.created_at, m.id))
                """);

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_members_customer_id",
                table: "loyalty_members",
                column: "customer_id",
                unique: true,
                filter: "customer_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_loyalty_members_customer_id",
                table: "loyalty_members");

            migrationBuilder.DropColumn(
                name: "email_changed_at",
                table: "loyalty_members");

            migrationBuilder.CreateIndex(
                name: "IX_loyalty_members_customer_id",
                table: "loyalty_members",
                column: "customer_id");
        }
    }
}
