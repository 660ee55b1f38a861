using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupportDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "web");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "follow_up_of",
                table: "tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "order_id",
                table: "tickets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "priority",
                table: "tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "normal");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "satisfaction_asked_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "solved_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "tickets",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.AddColumn<bool>(
                name: "internal",
                table: "ticket_messages",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "sentiment_label",
                table: "ticket_messages",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "sentiment_score",
                table: "ticket_messages",
                type: "double precision",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "satisfaction_ratings",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    score = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "text", nullable: true),
                    comment_sentiment_score = table.Column<double>(type: "double precision", nullable: true),
                    comment_sentiment_label = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    rated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_satisfaction_ratings", x => x.ticket_id);
                    table.CheckConstraint("ck_satisfaction_ratings_score", "score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_satisfaction_ratings_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_ratings_agent_rated",
                table: "satisfaction_ratings",
                columns: new[] { "agent_id", "rated_at" });

            migrationBuilder.CreateIndex(
                name: "ix_satisfaction_ratings_rated",
                table: "satisfaction_ratings",
                column: "rated_at");

            // The statuses before the support desk: resolved is now solved (closing from the next solve on), and a
            // ticket waiting in the queue with nobody on it is new.
            migrationBuilder.Sql("UPDATE tickets SET status = 'solved', solved_at = updated_at WHERE status = 'resolved'");
            migrationBuilder.Sql("UPDATE tickets SET status = 'new' WHERE status = 'open' AND assignee_id IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE tickets SET status = 'resolved' WHERE status IN ('solved', 'closed')");
            migrationBuilder.Sql("UPDATE tickets SET status = 'open' WHERE status IN ('new', 'on-hold')");

            migrationBuilder.DropTable(
                name: "satisfaction_ratings");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "follow_up_of",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "order_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "priority",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "satisfaction_asked_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "solved_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "internal",
                table: "ticket_messages");

            migrationBuilder.DropColumn(
                name: "sentiment_label",
                table: "ticket_messages");

            migrationBuilder.DropColumn(
                name: "sentiment_score",
                table: "ticket_messages");
        }
    }
}
