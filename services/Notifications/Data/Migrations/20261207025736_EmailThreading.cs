using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Notifications.Data.Migrations
{
    /// <inheritdoc />
    public partial class EmailThreading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "in_reply_to",
                table: "notifications",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "references",
                table: "notifications",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<string>(
                name: "reply_to",
                table: "notifications",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "in_reply_to",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "references",
                table: "notifications");

            migrationBuilder.DropColumn(
                name: "reply_to",
                table: "notifications");
        }
    }
}
