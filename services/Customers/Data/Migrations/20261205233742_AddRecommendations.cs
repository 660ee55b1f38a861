using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddRecommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "co_purchases",
                columns: table => new
                {
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    other_sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_co_purchases", x => new { x.sku, x.other_sku });
                });

            migrationBuilder.CreateTable(
                name: "item_stats",
                columns: table => new
                {
                    sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    orders = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_item_stats", x => x.sku);
                });

            migrationBuilder.CreateIndex(
                name: "ix_item_stats_orders",
                table: "item_stats",
                column: "orders");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "co_purchases");

            migrationBuilder.DropTable(
                name: "item_stats");
        }
    }
}
