using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddCustomerSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "customers",
                type: "text",
                nullable: false,
                computedColumnSql: "lower(display_name || ' ' || email)",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_search_trgm",
                table: "customers",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_search_trgm",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "search_text",
                table: "customers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
