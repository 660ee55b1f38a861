using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchAddressesByEditDistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_email",
                table: "customers");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:fuzzystrmatch", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // PostgreSQL cannot change a generated column's expression: the column and its index are made again.
            migrationBuilder.DropIndex(name: "ix_customers_search_trgm", table: "customers");
            migrationBuilder.DropColumn(name: "search_text", table: "customers");
            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "customers",
                type: "text",
                nullable: false,
                computedColumnSql: "lower(display_name || ' ' || split_part(email, '@', 1) || ' ' || coalesce(company, '')) || ' ' || phone_digits",
                stored: true);
            migrationBuilder.CreateIndex(
                name: "ix_customers_search_trgm",
                table: "customers",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_email",
                table: "customers",
                column: "email")
                .Annotation("Npgsql:IndexInclude", new[] { "customer_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_customers_email",
                table: "customers");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:fuzzystrmatch", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // PostgreSQL cannot change a generated column's expression: the column and its index are made again.
            migrationBuilder.DropIndex(name: "ix_customers_search_trgm", table: "customers");
            migrationBuilder.DropColumn(name: "search_text", table: "customers");
            migrationBuilder.AddColumn<string>(
                name: "search_text",
                table: "customers",
                type: "text",
                nullable: false,
                computedColumnSql: "lower(display_name || ' ' || email || ' ' || coalesce(company, '')) || ' ' || phone_digits",
                stored: true);
            migrationBuilder.CreateIndex(
                name: "ix_customers_search_trgm",
                table: "customers",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_email",
                table: "customers",
                column: "email");
        }
    }
}
