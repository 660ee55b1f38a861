using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CustomerPlatform.Onboarding.Data.Migrations
{
    /// <summary>The journey saga, its read model, approvals, the staff directory, questions and integrations. The messaging tables come from <see cref="AddMessaging"/>.</summary>
    public partial class AddOnboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "approvals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_name = table.Column<string>(type: "text", nullable: false),
                    customer_email = table.Column<string>(type: "text", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    success_manager_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approvals", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "integrations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    provider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    account = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    connected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_integrations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "journey_saga",
                columns: table => new
                {
                    correlation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_state = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    pending_approval_id = table.Column<Guid>(type: "uuid", nullable: true),
                    approval_reminder_for = table.Column<Guid>(type: "uuid", nullable: true),
                    approval_reminder_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    idle_step = table.Column<int>(type: "integer", nullable: true),
                    idle_watched = table.Column<int>(type: "integer", nullable: true),
                    idle_reminder_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reminded_steps = table.Column<int>(type: "integer", nullable: false),
                    assignment_retry_token_id = table.Column<Guid>(type: "uuid", nullable: true),
                    awaiting_success_manager = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journey_saga", x => x.correlation_id);
                });

            migrationBuilder.CreateTable(
                name: "journeys",
                columns: table => new
                {
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_name = table.Column<string>(type: "text", nullable: false),
                    customer_email = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    steps = table.Column<string>(type: "jsonb", nullable: false),
                    success_manager_id = table.Column<Guid>(type: "uuid", nullable: true),
                    success_manager_name = table.Column<string>(type: "text", nullable: true),
                    success_manager_email = table.Column<string>(type: "text", nullable: true),
                    details = table.Column<string>(type: "jsonb", nullable: true),
                    profile = table.Column<string>(type: "jsonb", nullable: true),
                    explored_features = table.Column<string>(type: "jsonb", nullable: false),
                    survey = table.Column<string>(type: "jsonb", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journeys", x => x.customer_id);
                });

            migrationBuilder.CreateTable(
                name: "questions",
                columns: table => new
                {
                    ticket_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subject = table.Column<string>(type: "text", nullable: false),
                    asked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questions", x => x.ticket_id);
                });

            migrationBuilder.CreateTable(
                name: "staff",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "text", nullable: false),
                    roles = table.Column<string[]>(type: "text[]", nullable: false),
                    is_success_manager = table.Column<bool>(type: "boolean", nullable: false),
                    is_admin = table.Column<bool>(type: "boolean", nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    open_journeys = table.Column<int>(type: "integer", nullable: false),
                    last_assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_approvals_status_requested",
                table: "approvals",
                columns: new[] { "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_approvals_success_manager",
                table: "approvals",
                column: "success_manager_id");

            migrationBuilder.CreateIndex(
                name: "ix_integrations_customer",
                table: "integrations",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_journeys_success_manager",
                table: "journeys",
                column: "success_manager_id");

            migrationBuilder.CreateIndex(
                name: "ix_questions_customer",
                table: "questions",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_staff_success_managers",
                table: "staff",
                column: "is_success_manager",
                filter: "is_success_manager AND active");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "approvals");

            migrationBuilder.DropTable(
                name: "integrations");

            migrationBuilder.DropTable(
                name: "journey_saga");

            migrationBuilder.DropTable(
                name: "journeys");

            migrationBuilder.DropTable(
                name: "questions");

            migrationBuilder.DropTable(
                name: "staff");
        }
    }
}
