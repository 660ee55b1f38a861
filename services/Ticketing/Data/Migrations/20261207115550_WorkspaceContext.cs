using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkspaceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "total",
                table: "support_orders",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_support_orders_customer_placed",
                table: "support_orders",
                columns: new[] { "customer_id", "placed_at" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_support_orders_customer_placed",
                table: "support_orders");

            migrationBuilder.DropColumn(
                name: "total",
                table: "support_orders");
        }
    }
}
