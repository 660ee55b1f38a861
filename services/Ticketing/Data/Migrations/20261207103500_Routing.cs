using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "home_queue",
                table: "tickets",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "skill",
                table: "tickets",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "available",
                table: "staff_members",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "capacity",
                table: "staff_members",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_routed_at",
                table: "staff_members",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "queues",
                table: "staff_members",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY['support']::text[]");

            migrationBuilder.AddColumn<List<string>>(
                name: "skills",
                table: "staff_members",
                type: "text[]",
                nullable: false,
                defaultValueSql: "ARRAY[]::text[]");

            // The tickets waiting today were all routed to the support queue.
            migrationBuilder.Sql("UPDATE tickets SET home_queue = queue WHERE queue IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "home_queue",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "skill",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "available",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "capacity",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "last_routed_at",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "queues",
                table: "staff_members");

            migrationBuilder.DropColumn(
                name: "skills",
                table: "staff_members");
        }
    }
}
