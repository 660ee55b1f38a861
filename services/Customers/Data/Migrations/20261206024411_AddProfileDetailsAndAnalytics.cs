using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace CustomerPlatform.Customers.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddProfileDetailsAndAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "metric",
                table: "timeline_entries",
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "addresses",
                table: "customers",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "company",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "details_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "job_title",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "phone_digits",
                table: "customers",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "phones",
                table: "customers",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "success_manager_at",
                table: "customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "success_manager_id",
                table: "customers",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "success_manager_name",
                table: "customers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "customers",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "time_zone",
                table: "customers",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

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

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_words",
                table: "customers",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('simple', display_name || ' ' || coalesce(company, '') || ' ' || translate(email, '@.', '  '))",
                stored: true);

            migrationBuilder.CreateTable(
                name: "profile_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    field = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    old_value = table.Column<string>(type: "text", nullable: true),
                    new_value = table.Column<string>(type: "text", nullable: true),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    changed_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_profile_changes", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_timeline_kind_at",
                table: "timeline_entries",
                columns: new[] { "kind", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_search_words",
                table: "customers",
                column: "search_words")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_customers_tags",
                table: "customers",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_profile_changes_customer_at",
                table: "profile_changes",
                columns: new[] { "customer_id", "at" },
                descending: new[] { false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_customers_search_trgm", table: "customers");
            migrationBuilder.DropColumn(name: "search_text", table: "customers");
            migrationBuilder.DropTable(
                name: "profile_changes");

            migrationBuilder.DropIndex(
                name: "ix_timeline_kind_at",
                table: "timeline_entries");

            migrationBuilder.DropIndex(
                name: "ix_customers_search_words",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_tags",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "search_words",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "metric",
                table: "timeline_entries");

            migrationBuilder.DropColumn(
                name: "addresses",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "company",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "details_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "job_title",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "phone_digits",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "phones",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "success_manager_at",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "success_manager_id",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "success_manager_name",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "time_zone",
                table: "customers");

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
    }
}
