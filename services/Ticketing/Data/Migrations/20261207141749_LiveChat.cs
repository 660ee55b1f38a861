using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Ticketing.Data.Migrations
{
    /// <inheritdoc />
    public partial class LiveChat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chats",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    queue = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    take_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    taken_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    customer_read_up_to = table.Column<Guid>(type: "uuid", nullable: true),
                    customer_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    agent_read_up_to = table.Column<Guid>(type: "uuid", nullable: true),
                    agent_read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_chats", x => x.ticket_id);
                    table.ForeignKey(
                        name: "FK_chats_tickets_ticket_id",
                        column: x => x.ticket_id,
                        principalTable: "tickets",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chats_agent_status",
                table: "chats",
                columns: new[] { "agent_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_chats_customer_started",
                table: "chats",
                columns: new[] { "customer_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_chats_status_started",
                table: "chats",
                columns: new[] { "status", "started_at" },
                filter: "status IN ('waiting', 'live')");

            migrationBuilder.CreateIndex(
                name: "ux_chats_one_open_per_customer",
                table: "chats",
                column: "customer_id",
                unique: true,
                filter: "status IN ('waiting', 'live')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chats");
        }
    }
}
