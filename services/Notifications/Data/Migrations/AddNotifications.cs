using Microsoft.EntityFrameworkCore.Migrations;

namespace CustomerPlatform.Notifications.Data.Migrations;

/// <summary>The delivery log (also the in-app inbox) and the email preferences. The messaging tables come from <see cref="AddMessaging"/>.</summary>
public partial class AddNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notification_preferences",
            columns: table => new
            {
                customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                email = table.Column<bool>(type: "boolean", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_notification_preferences", x => new { x.customer_id, x.category }));

        migrationBuilder.CreateTable(
            name: "notifications",
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                customer_id = table.Column<Guid>(type: "uuid", nullable: false),
                correlation_id = table.Column<Guid>(type: "uuid", nullable: true),
                template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                category = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                recipient = table.Column<string>(type: "text", nullable: false),
                recipient_name = table.Column<string>(type: "text", nullable: true),
                subject = table.Column<string>(type: "text", nullable: true),
                status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                attempts = table.Column<int>(type: "integer", nullable: false),
                last_error = table.Column<string>(type: "text", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                failed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                variables = table.Column<string>(type: "jsonb", nullable: false),
                sensitive_variables = table.Column<List<string>>(type: "text[]", nullable: false),
                inbox_text = table.Column<string>(type: "text", nullable: true),
                html_body = table.Column<string>(type: "text", nullable: true),
                text_body = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_notifications", x => x.id));

        migrationBuilder.CreateIndex(
            name: "ix_notifications_customer_created",
            table: "notifications",
            columns: ["customer_id", "created_at"],
            descending: [false, true]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "notification_preferences");
        migrationBuilder.DropTable(name: "notifications");
    }
}
